import type { Insertable, Selectable } from 'kysely';
import {
  severities,
  type Finding,
  type ScanReport,
  type ScanReportWarning,
  type Severity,
} from '../../contract/scan.ts';
import type { ScanFindingsTable, ScanReportsTable } from '../../db/schema.ts';
import { summariseFindings } from '../summary.ts';

/** Signature facts of an attestation report, as the store keeps them. */
export interface StoredSignature {
  status: string;
  reason: string;
  text: string;
  signerRef?: string;
  /** Key fingerprint, certificate identity and kind, stored as JSON. */
  details: Record<string, unknown>;
}

/** Everything stored with a report besides its findings. */
export interface ReportPlacement {
  /** The digest the plugin version shows. */
  digest: string;
  registryHost: string;
  repository: string;
  /** Identifies the report's content within its source, so a repeated import replaces instead of duplicating. */
  contentKey: string;
  signature?: StoredSignature;
  uploadedBy?: { id: string; name: string };
  jobId?: string;
}

export type ReportRow = Selectable<ScanReportsTable>;
export type FindingRow = Selectable<ScanFindingsTable>;

/** Builds the report row: its metadata and its finding counts per severity, with and without a fix. */
export function reportRow(
  id: string,
  report: ScanReport,
  warnings: ScanReportWarning[],
  placement: ReportPlacement,
  importedAt: string,
): Insertable<ScanReportsTable> {
  const summary = summariseFindings(report.findings);
  const counts = {} as Record<`count_${Severity}` | `fixable_${Severity}`, number>;
  for (const severity of severities) {
    counts[`count_${severity}`] = summary.bySeverity[severity] ?? 0;
    counts[`fixable_${severity}`] = summary.fixableBySeverity[severity] ?? 0;
  }

  return {
    id,
    digest: placement.digest,
    scanned_digest: report.digest,
    registry_host: placement.registryHost,
    repository: placement.repository,
    source: report.source,
    format: report.format,
    content_key: placement.contentKey,
    scanner_name: report.scannerName,
    scanner_vendor: report.scannerVendor ?? null,
    scanner_version: report.scannerVersion ?? null,
    database_version: report.databaseVersion ?? null,
    generated_at: report.generatedAt ?? null,
    imported_at: importedAt,
    signer_ref: placement.signature?.signerRef ?? null,
    signature_status: placement.signature?.status ?? null,
    signature_reason: placement.signature?.reason ?? null,
    signature_text: placement.signature?.text ?? null,
    signature_details: placement.signature ? JSON.stringify(placement.signature.details) : null,
    uploaded_by_id: placement.uploadedBy?.id ?? null,
    uploaded_by_name: placement.uploadedBy?.name ?? null,
    job_id: placement.jobId ?? null,
    finding_count: summary.total,
    fixable_count: summary.fixable,
    ...counts,
    max_cvss: summary.maxCvss ?? null,
    highest_severity: summary.highestSeverity ?? null,
    warnings: JSON.stringify(warnings),
  };
}

/** Lower-case text the findings search matches: id, aliases, package and title. */
function searchText(finding: Finding): string {
  return [finding.vulnerabilityId, ...finding.aliases, finding.package, finding.title ?? '']
    .join(' ')
    .toLowerCase();
}

export function findingRow(
  reportId: string,
  ordinal: number,
  finding: Finding,
): Insertable<ScanFindingsTable> {
  return {
    report_id: reportId,
    ordinal,
    vulnerability_id: finding.vulnerabilityId,
    aliases: JSON.stringify(finding.aliases),
    package: finding.package,
    installed_version: finding.installedVersion,
    fixed_version: finding.fixedVersion ?? null,
    fixable: finding.fixedVersion === undefined ? 0 : 1,
    severity: finding.severity,
    severity_rank: severities.indexOf(finding.severity),
    cvss_score: finding.cvssScore ?? null,
    cvss_vector: finding.cvssVector ?? null,
    title: finding.title ?? null,
    description: finding.description ?? null,
    links: JSON.stringify(finding.links),
    target: finding.target ?? null,
    package_class: finding.packageClass ?? null,
    package_type: finding.packageType ?? null,
    purl: finding.purl ?? null,
    status: finding.status ?? null,
    data_source: finding.dataSource ?? null,
    search_text: searchText(finding),
  };
}

/** Converts a stored finding back into the contract's shape, leaving out empty optional fields. */
export function findingFromRow(row: FindingRow): Finding {
  const finding: Finding = {
    vulnerabilityId: row.vulnerability_id,
    aliases: JSON.parse(row.aliases) as string[],
    package: row.package,
    installedVersion: row.installed_version,
    severity: row.severity as Severity,
    links: JSON.parse(row.links) as string[],
  };
  if (row.fixed_version !== null) finding.fixedVersion = row.fixed_version;
  if (row.cvss_score !== null) finding.cvssScore = Number(row.cvss_score);
  if (row.cvss_vector !== null) finding.cvssVector = row.cvss_vector;
  if (row.title !== null) finding.title = row.title;
  if (row.description !== null) finding.description = row.description;
  if (row.target !== null) finding.target = row.target;
  if (row.package_class !== null) finding.packageClass = row.package_class;
  if (row.package_type !== null) finding.packageType = row.package_type;
  if (row.purl !== null) finding.purl = row.purl;
  if (row.status !== null) finding.status = row.status;
  if (row.data_source !== null) finding.dataSource = row.data_source;
  return finding;
}
