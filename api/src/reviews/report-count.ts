import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Recounts a review's unresolved reports into `open_report_count`, which orders the moderation queue. */
export async function refreshOpenReportCount(trx: Kysely<Database>, reviewId: string): Promise<void> {
  const row = await trx
    .selectFrom('review_reports')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('review_id', '=', reviewId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('reviews')
    .set({ open_report_count: Number(row.count) })
    .where('id', '=', reviewId)
    .execute();
}
