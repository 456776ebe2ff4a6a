import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { EditReviewBody, Review, SubmitReviewBody } from '../contract/reviews.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import type { SessionUser } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { inReviewTransaction, lockPlugin } from './lock.ts';
import { refreshOpenReportCount } from './report-count.ts';
import { refreshRatings } from './ratings.ts';
import { selectReviewRows, toReview } from './review-view.ts';

async function findVersion(trx: Transaction<Database>, plugin: string, version: string) {
  const row = await trx
    .selectFrom('plugin_versions')
    .select(['id', 'plugin_id', 'current_digest', 'registered_digest'])
    .where('plugin_id', '=', plugin)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `Plugin "${plugin}" has no version "${version}".`);
  return row;
}

async function readReview(trx: Transaction<Database>, id: string, viewer: SessionUser): Promise<Review> {
  return toReview(await selectReviewRows(trx).where('r.id', '=', id).executeTakeFirstOrThrow(), viewer);
}

/**
 * Creates the user's review of a version, or edits it when one exists: one review per user and
 * version. The plugin lock and the unique (user, version) key make racing submissions end as one row.
 */
export async function submitReview(
  context: DatabaseContext,
  target: { plugin: string; version: string },
  author: SessionUser,
  body: SubmitReviewBody,
): Promise<{ review: Review; created: boolean }> {
  const plugin = await context.db
    .selectFrom('plugins')
    .select('id')
    .where('id', '=', target.plugin)
    .executeTakeFirst();
  if (!plugin) throw new AppError('not-found', `No plugin named "${target.plugin}".`);

  return inReviewTransaction(context, async (trx) => {
    await lockPlugin(trx, context, target.plugin);
    const version = await findVersion(trx, target.plugin, target.version);
    const existing = await trx
      .selectFrom('reviews')
      .select(['id', 'stars', 'body'])
      .where('user_id', '=', author.id)
      .where('version_id', '=', version.id)
      .executeTakeFirst();
    const now = new Date().toISOString();
    // The digest is refreshed on each submission: the text describes the image the author ran last.
    const digest = version.current_digest ?? version.registered_digest;
    const text = body.text ?? null;

    if (existing) {
      const changed = Number(existing.stars) !== body.stars || existing.body !== text;
      await trx
        .updateTable('reviews')
        .set({
          stars: body.stars,
          body: text,
          image_digest: digest,
          updated_at: now,
          ...(changed ? { edited_at: now } : {}),
        })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('reviews')
        .values({
          id: randomUUID(),
          plugin_id: version.plugin_id,
          version_id: version.id,
          user_id: author.id,
          stars: body.stars,
          body: text,
          image_digest: digest,
          created_at: now,
          updated_at: now,
          edited_at: null,
          hidden_at: null,
          hidden_reason: null,
          hidden_by: null,
        })
        .execute();
    }
    await refreshRatings(trx, version.plugin_id, [version.id]);

    const row = await selectReviewRows(trx)
      .where('r.user_id', '=', author.id)
      .where('r.version_id', '=', version.id)
      .executeTakeFirstOrThrow();
    return { review: toReview(row, author), created: !existing };
  });
}

async function ownReview(trx: Transaction<Database>, id: string, user: SessionUser) {
  const row = await trx.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not-found', `No review with id "${id}".`);
  if (row.user_id !== user.id)
    throw new AppError('forbidden', 'Only the author can change or delete this review.');
  return row;
}

async function pluginOfReview(context: DatabaseContext, id: string): Promise<string> {
  const row = await context.db
    .selectFrom('reviews')
    .select('plugin_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `No review with id "${id}".`);
  return row.plugin_id;
}

/** Edits the author's own review; a change of stars or text marks it as edited. */
export async function editReview(
  context: DatabaseContext,
  id: string,
  user: SessionUser,
  body: EditReviewBody,
): Promise<Review> {
  const pluginId = await pluginOfReview(context, id);
  return inReviewTransaction(context, async (trx) => {
    await lockPlugin(trx, context, pluginId);
    const review = await ownReview(trx, id, user);
    const stars = body.stars ?? Number(review.stars);
    const text = body.text === undefined ? review.body : body.text;
    const now = new Date().toISOString();
    const changed = stars !== Number(review.stars) || text !== review.body;
    await trx
      .updateTable('reviews')
      .set({ stars, body: text, updated_at: now, ...(changed ? { edited_at: now } : {}) })
      .where('id', '=', id)
      .execute();
    await refreshRatings(trx, review.plugin_id, [review.version_id]);
    return readReview(trx, id, user);
  });
}

/** Deletes the author's own review with its reports. */
export async function deleteReview(context: DatabaseContext, id: string, user: SessionUser): Promise<void> {
  const pluginId = await pluginOfReview(context, id);
  await inReviewTransaction(context, async (trx) => {
    await lockPlugin(trx, context, pluginId);
    const review = await ownReview(trx, id, user);
    await trx.deleteFrom('reviews').where('id', '=', id).execute();
    await refreshRatings(trx, review.plugin_id, [review.version_id]);
  });
}

/**
 * Builds the hook that runs in the transaction deleting a user: it deletes the user's reviews and
 * reports and recomputes the ratings and report counts they were part of.
 */
export function removeReviewsOfUser(context: DatabaseContext) {
  return async (trx: Transaction<Database>, userId: string): Promise<void> => {
    const reviews = await trx
      .selectFrom('reviews')
      .select(['plugin_id', 'version_id'])
      .where('user_id', '=', userId)
      .execute();
    const byPlugin = new Map<string, string[]>();
    for (const review of reviews) {
      byPlugin.set(review.plugin_id, [...(byPlugin.get(review.plugin_id) ?? []), review.version_id]);
    }
    // Locks in a fixed order, so two deletions touching the same plugins cannot deadlock.
    const pluginIds = [...byPlugin.keys()].sort();
    for (const pluginId of pluginIds) await lockPlugin(trx, context, pluginId);
    await trx.deleteFrom('reviews').where('user_id', '=', userId).execute();
    for (const pluginId of pluginIds) await refreshRatings(trx, pluginId, byPlugin.get(pluginId) ?? []);

    const reported = await trx
      .selectFrom('review_reports')
      .select('review_id')
      .where('reporter_id', '=', userId)
      .execute();
    await trx.deleteFrom('review_reports').where('reporter_id', '=', userId).execute();
    for (const { review_id } of reported) await refreshOpenReportCount(trx, review_id);
  };
}
