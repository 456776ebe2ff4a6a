import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AuditRequest } from '../accounts/audit-request.ts';
import { recordAuditEvent } from '../audit/record.ts';
import type { ModerationItem, ModerationPage, Review, ReviewReport } from '../contract/reviews.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import type { SessionUser } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { inReviewTransaction, lockPlugin } from './lock.ts';
import { refreshRatings } from './ratings.ts';
import { refreshOpenReportCount } from './report-count.ts';
import { selectReviewRows, toReview, type ReviewRow } from './review-view.ts';

async function reviewOrNotFound(context: DatabaseContext, id: string) {
  const row = await context.db
    .selectFrom('reviews')
    .select(['id', 'plugin_id', 'user_id', 'hidden_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `No review with id "${id}".`);
  return row;
}

/** Records a user's report of someone else's visible review; reporting again replaces the reason. */
export async function reportReview(
  context: DatabaseContext,
  id: string,
  reporter: SessionUser,
  reason: string,
): Promise<void> {
  const review = await reviewOrNotFound(context, id);
  if (review.hidden_at !== null) throw new AppError('not-found', `No review with id "${id}".`);
  if (review.user_id === reporter.id) throw new AppError('conflict', 'You cannot report your own review.');

  await inReviewTransaction(context, async (trx) => {
    await lockPlugin(trx, context, review.plugin_id);
    const now = new Date().toISOString();
    await trx
      .insertInto('review_reports')
      .values({
        id: randomUUID(),
        review_id: id,
        reporter_id: reporter.id,
        reason,
        created_at: now,
        resolved_at: null,
        resolution: null,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['review_id', 'reporter_id'])
          .doUpdateSet({ reason, created_at: now, resolved_at: null, resolution: null }),
      )
      .execute();
    await refreshOpenReportCount(trx, id);
  });
}

async function resolveReports(trx: Transaction<Database>, reviewId: string, resolution: string) {
  await trx
    .updateTable('review_reports')
    .set({ resolved_at: new Date().toISOString(), resolution })
    .where('review_id', '=', reviewId)
    .where('resolved_at', 'is', null)
    .execute();
  await refreshOpenReportCount(trx, reviewId);
}

function auditSnapshot(review: { hidden_at: string | null; hidden_reason: string | null }) {
  return { hidden: review.hidden_at !== null, reason: review.hidden_reason };
}

type ModerationAction = 'hide' | 'restore' | 'dismiss-reports';

/**
 * Hides a review with a reason shown to its author, restores it, or dismisses its open reports. Each
 * action resolves the open reports it answers, updates the ratings and is audited in one transaction.
 */
export async function moderateReview(
  context: DatabaseContext,
  id: string,
  action: ModerationAction,
  reason: string | undefined,
  audit: AuditRequest & { actor: { id: string; name: string } },
): Promise<Review> {
  const { plugin_id: pluginId } = await reviewOrNotFound(context, id);
  return inReviewTransaction(context, async (trx) => {
    await lockPlugin(trx, context, pluginId);
    const before = await trx.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const now = new Date().toISOString();

    if (action === 'hide') {
      if (before.hidden_at !== null) throw new AppError('conflict', 'This review is already hidden.');
      await trx
        .updateTable('reviews')
        .set({ hidden_at: now, hidden_reason: reason ?? '', hidden_by: audit.actor.name })
        .where('id', '=', id)
        .execute();
      await resolveReports(trx, id, 'hidden');
    } else if (action === 'restore') {
      if (before.hidden_at === null) throw new AppError('conflict', 'This review is not hidden.');
      await trx
        .updateTable('reviews')
        .set({ hidden_at: null, hidden_reason: null, hidden_by: null })
        .where('id', '=', id)
        .execute();
    } else {
      await resolveReports(trx, id, 'dismissed');
    }
    await refreshRatings(trx, before.plugin_id, [before.version_id]);

    const row = await selectReviewRows(trx).where('r.id', '=', id).executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      ...audit,
      action: `review.${action}`,
      targetType: 'review',
      targetId: id,
      before: { ...auditSnapshot(before), openReports: Number(before.open_report_count) },
      after: { ...auditSnapshot(row), openReports: Number(row.open_report_count) },
      ...(reason !== undefined ? { reason } : {}),
    });
    return toReview(row, undefined);
  });
}

async function reportsOf(
  context: DatabaseContext,
  reviewIds: string[],
): Promise<Map<string, ReviewReport[]>> {
  const byReview = new Map<string, ReviewReport[]>();
  if (reviewIds.length === 0) return byReview;
  const rows = await context.db
    .selectFrom('review_reports as rr')
    .innerJoin('users as u', 'u.id', 'rr.reporter_id')
    .select([
      'rr.id',
      'rr.review_id',
      'rr.reason',
      'rr.created_at',
      'rr.resolved_at',
      'rr.resolution',
      'u.id as reporter_id',
      'u.display_name',
    ])
    .where('rr.review_id', 'in', reviewIds)
    .orderBy('rr.created_at')
    .execute();
  for (const row of rows) {
    const report: ReviewReport = {
      id: row.id,
      reporter: { id: row.reporter_id, displayName: row.display_name },
      reason: row.reason,
      createdAt: row.created_at,
      resolvedAt: row.resolved_at,
      resolution: row.resolution,
    };
    byReview.set(row.review_id, [...(byReview.get(row.review_id) ?? []), report]);
  }
  return byReview;
}

/** Lists the moderation queue: reviews with open reports (most reported first), or hidden reviews (latest first). */
export async function moderationQueue(
  context: DatabaseContext,
  query: {
    status?: 'reported' | 'hidden' | undefined;
    page?: number | undefined;
    pageSize?: number | undefined;
  },
): Promise<ModerationPage> {
  const status = query.status ?? 'reported';
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let listing = selectReviewRows(context.db);
  listing =
    status === 'reported'
      ? listing
          .where('r.open_report_count', '>', 0)
          .orderBy('r.open_report_count', 'desc')
          .orderBy('r.updated_at', 'asc')
      : listing.where('r.hidden_at', 'is not', null).orderBy('r.hidden_at', 'desc');
  listing = listing.orderBy('r.id');

  const [rows, total] = await Promise.all([
    listing
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    listing
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  const reports = await reportsOf(
    context,
    rows.map((row) => row.id),
  );
  const items: ModerationItem[] = rows.map((row: ReviewRow) => ({
    review: toReview(row, undefined),
    hiddenBy: row.hidden_by,
    openReportCount: Number(row.open_report_count),
    reports: reports.get(row.id) ?? [],
  }));
  return { items, total: Number(total.count), page, pageSize };
}
