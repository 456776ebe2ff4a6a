import { sql, type Kysely } from 'kysely';

/**
 * Records whether a digest's summary comes from a verified source (a scanner, an upload, or an
 * attestation whose signature verified), so the catalog can tell an unverified claim of "no findings"
 * from a real one. Existing rows are filled from their report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('scan_digest_summaries')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`
    UPDATE scan_digest_summaries
       SET verified = CASE
         WHEN (SELECT r.source = 'attestation' AND coalesce(r.signature_status, '') <> 'valid'
                 FROM scan_reports r WHERE r.id = scan_digest_summaries.report_id) THEN 0
         ELSE 1
       END`.execute(db);
}
