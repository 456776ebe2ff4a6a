import type { Kysely } from 'kysely';
import type { Review } from '../contract/reviews.ts';
import type { Database } from '../db/schema.ts';
import type { SessionUser } from '../http/auth.ts';

/** Reviews joined with their author, version and plugin: every column a {@link Review} needs. */
export function selectReviewRows(db: Kysely<Database>) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('plugin_versions as v', 'v.id', 'r.version_id')
    .innerJoin('plugins as p', 'p.id', 'r.plugin_id')
    .select([
      'r.id',
      'r.plugin_id',
      'r.version_id',
      'r.user_id',
      'r.stars',
      'r.body',
      'r.image_digest',
      'r.created_at',
      'r.updated_at',
      'r.edited_at',
      'r.hidden_at',
      'r.hidden_reason',
      'r.hidden_by',
      'r.open_report_count',
      'u.display_name as author_name',
      'v.version',
      'v.current_digest',
      'v.registered_digest',
      'p.latest_version_id',
    ]);
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviewRows>['executeTakeFirstOrThrow']>>;

export function toReview(row: ReviewRow, viewer: SessionUser | undefined): Review {
  const currentDigest = row.current_digest ?? row.registered_digest;
  return {
    id: row.id,
    plugin: row.plugin_id,
    version: row.version,
    digest: row.image_digest,
    digestIsCurrent: row.image_digest === currentDigest,
    isLatestVersion: row.version_id === row.latest_version_id,
    author: { id: row.user_id, displayName: row.author_name },
    stars: Number(row.stars),
    text: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
    mine: viewer?.id === row.user_id,
    hidden: row.hidden_at !== null ? { reason: row.hidden_reason ?? '', hiddenAt: row.hidden_at } : null,
  };
}
