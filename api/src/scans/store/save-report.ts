import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ParsedScanReport } from '../parsers/parse-scan-report.ts';
import { refreshDigestSummary } from './current-report.ts';
import { findingRow, reportRow, type ReportPlacement } from './report-rows.ts';

// 500 rows of 22 columns stay below the bound-parameter limits of both engines (32766 in SQLite,
// 65535 in PostgreSQL) while keeping the number of statements for a large report small.
const findingsPerInsert = 500;

/**
 * Stores a parsed report with its findings and updates the digest's summary. A report with the same
 * digest, source and content key is replaced. Pass a transaction, so that a failed insert leaves no
 * half-stored report and the caller's audit event commits with it.
 */
export async function saveScanReport(
  trx: Kysely<Database>,
  parsed: ParsedScanReport,
  placement: ReportPlacement,
  options: { id: string; now: Date },
): Promise<string> {
  const { report, warnings } = parsed;

  const replaced = await trx
    .selectFrom('scan_reports')
    .select('id')
    .where('digest', '=', placement.digest)
    .where('source', '=', report.source)
    .where('content_key', '=', placement.contentKey)
    .execute();
  const replacedIds = replaced.map((row) => row.id);
  if (replacedIds.length > 0) {
    await trx.deleteFrom('scan_findings').where('report_id', 'in', replacedIds).execute();
    await trx.deleteFrom('scan_reports').where('id', 'in', replacedIds).execute();
  }

  await trx
    .insertInto('scan_reports')
    .values(reportRow(options.id, report, warnings, placement, options.now.toISOString()))
    .execute();
  for (let start = 0; start < report.findings.length; start += findingsPerInsert) {
    const rows = report.findings
      .slice(start, start + findingsPerInsert)
      .map((finding, offset) => findingRow(options.id, start + offset, finding));
    await trx.insertInto('scan_findings').values(rows).execute();
  }

  await refreshDigestSummary(trx, placement.digest, options.now);
  return options.id;
}

/** Deletes reports by id with their findings and updates the digest's summary, in the caller's transaction. */
export async function deleteScanReports(
  trx: Kysely<Database>,
  digest: string,
  reportIds: string[],
  now: Date,
): Promise<void> {
  if (reportIds.length === 0) return;
  await trx.deleteFrom('scan_findings').where('report_id', 'in', reportIds).execute();
  await trx.deleteFrom('scan_reports').where('id', 'in', reportIds).execute();
  await refreshDigestSummary(trx, digest, now);
}
