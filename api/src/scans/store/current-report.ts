import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportRow } from './report-rows.ts';

/**
 * Whether a report comes from a source Assay can vouch for: a configured scanner, an administrator's
 * upload, or an attestation whose signature verified with a known signer. An attestation signed by
 * an unknown key could be pushed by anyone with write access to the registry.
 */
export function isVerifiedSource(row: Pick<ReportRow, 'source' | 'signature_status'>): boolean {
  return row.source !== 'attestation' || row.signature_status === 'valid';
}

/** Orders reports the way the plugin page lists them: verified sources first, then the newest scan. */
export function compareReports(a: ReportRow, b: ReportRow): number {
  const verified = Number(isVerifiedSource(b)) - Number(isVerifiedSource(a));
  if (verified !== 0) return verified;
  // A report without a generation time sorts after every dated one, so it never hides a newer scan.
  const generated = (b.generated_at ?? '').localeCompare(a.generated_at ?? '');
  if (generated !== 0) return generated;
  return b.imported_at.localeCompare(a.imported_at) || a.id.localeCompare(b.id);
}

/** Loads every report of a digest, the one to show first. */
export async function listDigestReports(db: Kysely<Database>, digest: string): Promise<ReportRow[]> {
  const rows = await db.selectFrom('scan_reports').selectAll().where('digest', '=', digest).execute();
  return rows.sort(compareReports);
}

/**
 * Recomputes the catalog summary of a digest from its current report, and moves the scan revision
 * so every instance reloads its severity indicators. Run it in the transaction that changed the reports.
 */
export async function refreshDigestSummary(db: Kysely<Database>, digest: string, now: Date): Promise<void> {
  const [current] = await listDigestReports(db, digest);
  await db.deleteFrom('scan_digest_summaries').where('digest', '=', digest).execute();
  if (current !== undefined) {
    await db
      .insertInto('scan_digest_summaries')
      .values({
        digest,
        report_id: current.id,
        finding_count: current.finding_count,
        fixable_count: current.fixable_count,
        count_critical: current.count_critical,
        count_high: current.count_high,
        count_medium: current.count_medium,
        count_low: current.count_low,
        count_negligible: current.count_negligible,
        count_unknown: current.count_unknown,
        highest_severity: current.highest_severity,
        generated_at: current.generated_at,
        updated_at: now.toISOString(),
      })
      .execute();
  }
  await db
    .updateTable('scan_state')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
