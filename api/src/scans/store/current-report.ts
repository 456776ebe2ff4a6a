import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReportRow } from './report-rows.ts';
import { isTrustedReport, loadReportSigners } from './report-trust.ts';

/**
 * Whether a report's signature check passed: a configured scanner, an administrator's upload, or an
 * attestation whose signature verified with a key or identity in the signer table. Whether that signer
 * is approved is a separate question, see `isTrustedReport`.
 */
export function isVerifiedSource(row: Pick<ReportRow, 'source' | 'signature_status'>): boolean {
  return row.source !== 'attestation' || row.signature_status === 'valid';
}

/** Orders reports by signature check, then newest scan first. */
export function compareReports(a: ReportRow, b: ReportRow): number {
  const verified = Number(isVerifiedSource(b)) - Number(isVerifiedSource(a));
  if (verified !== 0) return verified;
  // A report without a generation time sorts after every dated one, so it never hides a newer scan.
  const generated = (b.generated_at ?? '').localeCompare(a.generated_at ?? '');
  if (generated !== 0) return generated;
  return b.imported_at.localeCompare(a.imported_at) || a.id.localeCompare(b.id);
}

/** A digest's reports in the order the plugin page lists them, with whether Assay vouches for each. */
export interface DigestReports {
  rows: ReportRow[];
  trusted: (row: ReportRow) => boolean;
}

/**
 * Loads every report of a digest, the one to show first: reports Assay vouches for (see
 * `isTrustedReport`) before the others, then by signature check and newest scan.
 */
export async function loadDigestReports(
  db: Kysely<Database>,
  digest: string,
  now: Date,
): Promise<DigestReports> {
  const rows = await db.selectFrom('scan_reports').selectAll().where('digest', '=', digest).execute();
  const signers = await loadReportSigners(db, rows);
  const trustedIds = new Set(rows.filter((row) => isTrustedReport(row, signers, now)).map((row) => row.id));
  const trusted = (row: ReportRow) => trustedIds.has(row.id);
  rows.sort((a, b) => Number(trusted(b)) - Number(trusted(a)) || compareReports(a, b));
  return { rows, trusted };
}

/** Loads every report of a digest, the one to show first (see `loadDigestReports`). */
export async function listDigestReports(
  db: Kysely<Database>,
  digest: string,
  now: Date = new Date(),
): Promise<ReportRow[]> {
  return (await loadDigestReports(db, digest, now)).rows;
}

/**
 * Recomputes the catalog summary of a digest from its current report (one Assay vouches for when any
 * exists, else the best other one, marked unverified), and moves the scan revision
 * so every instance reloads its severity indicators. Run it in the transaction that changed the reports.
 */
export async function refreshDigestSummary(db: Kysely<Database>, digest: string, now: Date): Promise<void> {
  const { rows, trusted } = await loadDigestReports(db, digest, now);
  const [current] = rows;
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
        verified: trusted(current) ? 1 : 0,
      })
      .execute();
  }
  await db
    .updateTable('scan_state')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/**
 * Rewrites a digest's summary when signer changes made another report the first one, or changed
 * whether it counts. Returns true when it rewrote the summary. Cheap when nothing changed: the reports
 * and the summary are read, nothing is written.
 */
export async function reconcileDigestSummary(
  db: Kysely<Database>,
  digest: string,
  now: Date,
): Promise<boolean> {
  const { rows, trusted } = await loadDigestReports(db, digest, now);
  const summary = await db
    .selectFrom('scan_digest_summaries')
    .select(['report_id', 'verified'])
    .where('digest', '=', digest)
    .executeTakeFirst();
  const [current] = rows;
  const expected = current === undefined ? undefined : { id: current.id, verified: trusted(current) ? 1 : 0 };
  const stored =
    summary === undefined ? undefined : { id: summary.report_id, verified: Number(summary.verified) };
  if (JSON.stringify(expected) === JSON.stringify(stored)) return false;
  await db.transaction().execute((trx) => refreshDigestSummary(trx, digest, now));
  return true;
}
