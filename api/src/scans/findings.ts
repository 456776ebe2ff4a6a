import type { FindingsPage, ParsedFindingsQuery } from '../contract/scan.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { AppError } from '../http/errors.ts';
import { listDigestReports } from './store/current-report.ts';
import { queryFindings } from './store/findings-query.ts';
import type { ReportRow } from './store/report-rows.ts';
import { findVersionImage } from './version-image.ts';

/**
 * Finds the report of a version to read findings from: the one named by `reportId`, which must belong
 * to the version's digest, or else the current one. Throws `not-found` naming what is missing.
 */
export async function versionReport(
  context: DatabaseContext,
  name: string,
  versionName: string,
  reportId?: string,
): Promise<ReportRow> {
  const image = await findVersionImage(context, name, versionName);
  if (image.digest === undefined) {
    throw new AppError(
      'not-found',
      `Plugin "${name}" version "${versionName}" has no resolved image, so it has no scan.`,
    );
  }
  const reports = await listDigestReports(context.db, image.digest);
  const report = reportId === undefined ? reports[0] : reports.find((row) => row.id === reportId);
  if (report === undefined) {
    throw new AppError(
      'not-found',
      reportId === undefined
        ? `No scan report exists for plugin "${name}" version "${versionName}" (${image.digest}).`
        : `Scan report "${reportId}" does not belong to plugin "${name}" version "${versionName}".`,
    );
  }
  return report;
}

/** Returns one filtered, sorted page of a version's findings. */
export async function getVersionFindings(
  context: DatabaseContext,
  name: string,
  versionName: string,
  query: ParsedFindingsQuery,
): Promise<FindingsPage> {
  const report = await versionReport(context, name, versionName, query.report);
  return queryFindings(context.db, report.id, query);
}
