import {
  maxComparedFindings,
  severities,
  type Finding,
  type ScanComparison,
  type ScanReportInfo,
} from '../contract/scan.ts';
import type { ScanReadDeps } from './deps.ts';
import { reportInfos, scanReportForVisitors } from './overview.ts';
import { listDigestReports } from './store/current-report.ts';
import { findingFromRow, type ReportRow } from './store/report-rows.ts';
import { findVersionImage } from './version-image.ts';

/**
 * Identity of a finding across versions: the vulnerability and the package. The installed version
 * and target are left out, because a rebuilt image that still ships a vulnerable package version
 * still has the finding.
 */
function findingKey(finding: Finding): string {
  return `${finding.vulnerabilityId}\u0000${finding.package}`;
}

function bySeverityThenId(a: Finding, b: Finding): number {
  return (
    severities.indexOf(b.severity) - severities.indexOf(a.severity) ||
    (b.cvssScore ?? -1) - (a.cvssScore ?? -1) ||
    a.vulnerabilityId.localeCompare(b.vulnerabilityId) ||
    a.package.localeCompare(b.package)
  );
}

async function loadFindings(
  deps: ScanReadDeps,
  report: ReportRow | undefined,
): Promise<Map<string, Finding>> {
  const findings = new Map<string, Finding>();
  if (report === undefined) return findings;
  const rows = await deps.context.db
    .selectFrom('scan_findings')
    .selectAll()
    .where('report_id', '=', report.id)
    .orderBy('ordinal')
    .execute();
  for (const row of rows) {
    const finding = findingFromRow(row);
    // A report may list one vulnerability of one package for several targets; the first stands for all.
    if (!findings.has(findingKey(finding))) findings.set(findingKey(finding), finding);
  }
  return findings;
}

async function side(deps: ScanReadDeps, name: string, versionName: string) {
  const image = await findVersionImage(deps.context, name, versionName);
  const rows =
    image.digest === undefined ? [] : await listDigestReports(deps.context.db, image.digest, deps.now());
  const current = rows[0];
  const [info] = current === undefined ? [] : await reportInfos(deps, [current]);
  return { image, report: current, info };
}

function described(version: string, digest: string | undefined, info: ScanReportInfo | undefined) {
  return {
    version,
    ...(digest === undefined ? {} : { digest }),
    ...(info === undefined ? {} : { report: info }),
  };
}

/** Compares the current reports of two versions of a plugin: findings added in `to`, fixed since `from`, and unchanged. */
export async function compareVersions(
  deps: ScanReadDeps,
  name: string,
  fromVersion: string,
  toVersion: string,
): Promise<ScanComparison> {
  const [from, to] = await Promise.all([side(deps, name, fromVersion), side(deps, name, toVersion)]);
  const [before, after] = await Promise.all([loadFindings(deps, from.report), loadFindings(deps, to.report)]);

  const added: Finding[] = [];
  const unchanged: Finding[] = [];
  for (const [key, finding] of after) (before.has(key) ? unchanged : added).push(finding);
  const fixed = [...before].filter(([key]) => !after.has(key)).map(([, finding]) => finding);
  const groups = [added, fixed, unchanged].map((group) => group.sort(bySeverityThenId));

  return {
    plugin: from.image.pluginId,
    from: described(from.image.version, from.image.digest, from.info),
    to: described(to.image.version, to.image.digest, to.info),
    added: added.slice(0, maxComparedFindings),
    fixed: fixed.slice(0, maxComparedFindings),
    unchanged: unchanged.slice(0, maxComparedFindings),
    counts: { added: added.length, fixed: fixed.length, unchanged: unchanged.length },
    truncated: groups.some((group) => group.length > maxComparedFindings),
  };
}

/** Shows a comparison to someone who is not an administrator: without the names of uploaders. */
export function comparisonForVisitors(comparison: ScanComparison): ScanComparison {
  const side = (compared: ScanComparison['from']) =>
    compared.report === undefined
      ? compared
      : { ...compared, report: scanReportForVisitors(compared.report) };
  return { ...comparison, from: side(comparison.from), to: side(comparison.to) };
}
