import {
  severities,
  type AttestationSignature,
  type ScanReportFormat,
  type ScanReportInfo,
  type ScanReportWarning,
  type ScanSource,
  type ScanSummary,
  type Severity,
} from '../../contract/scan.ts';
import type {
  CertificateIdentity,
  SignatureKind,
  SignatureReason,
  SignatureSource,
  SignatureStatus,
} from '../../contract/signature.ts';
import { trustStateOf, type SignerFacts } from '../../signers/evaluate.ts';
import { isTrustedReport } from './report-trust.ts';
import type { ReportRow } from './report-rows.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** The clock and the age past which a report counts as stale. */
export interface Freshness {
  now: Date;
  staleAfterDays: number;
}

/** Whole days since `generatedAt`, and whether that is past the stale age. An unknown time is stale. */
export function reportAge(
  generatedAt: string | null | undefined,
  freshness: Freshness,
): { ageDays?: number; stale: boolean } {
  if (!generatedAt) return { stale: true };
  const ageMs = Math.max(0, freshness.now.getTime() - Date.parse(generatedAt));
  return { ageDays: Math.floor(ageMs / dayMs), stale: ageMs > freshness.staleAfterDays * dayMs };
}

function summaryOf(row: ReportRow): ScanSummary {
  const bySeverity = {} as Record<Severity, number>;
  const fixableBySeverity = {} as Record<Severity, number>;
  for (const severity of severities) {
    bySeverity[severity] = Number(row[`count_${severity}`]);
    fixableBySeverity[severity] = Number(row[`fixable_${severity}`]);
  }
  const summary: ScanSummary = {
    total: Number(row.finding_count),
    bySeverity,
    fixable: Number(row.fixable_count),
    notFixable: Number(row.finding_count) - Number(row.fixable_count),
    fixableBySeverity,
  };
  if (row.max_cvss !== null) summary.maxCvss = Number(row.max_cvss);
  if (row.highest_severity !== null) summary.highestSeverity = row.highest_severity as Severity;
  return summary;
}

interface SignatureDetails {
  source?: SignatureSource;
  kind?: SignatureKind;
  keyFingerprint?: string;
  certificate?: CertificateIdentity;
}

function attestationOf(
  row: ReportRow,
  signers: ReadonlyMap<string, SignerFacts>,
  now: Date,
): AttestationSignature | undefined {
  if (row.source !== 'attestation' || row.signature_status === null) return undefined;
  const details = JSON.parse(row.signature_details ?? '{}') as SignatureDetails;
  const status = row.signature_status as SignatureStatus;
  const reason = (row.signature_reason ?? 'unsupported') as SignatureReason;
  const signer = row.signer_ref === null ? undefined : signers.get(row.signer_ref);
  const trust = trustStateOf({ status, reason }, signer, `${row.registry_host}/${row.repository}`, now);

  const signature: AttestationSignature = {
    status,
    reason,
    reasonText: row.signature_text ?? '',
    trustState: trust.state,
    trustText: trust.text,
  };
  if (details.source !== undefined) signature.foundIn = details.source;
  if (details.kind !== undefined) signature.kind = details.kind;
  if (row.signer_ref !== null) signature.signerRef = row.signer_ref;
  if (details.keyFingerprint !== undefined) signature.keyFingerprint = details.keyFingerprint;
  if (details.certificate !== undefined) signature.certificate = details.certificate;
  if (signer !== undefined) signature.signerName = signer.displayName;
  return signature;
}

/** Converts a stored report into the API's shape. `signers` maps signer references to signer records. */
export function reportInfoFromRow(
  row: ReportRow,
  freshness: Freshness,
  signers: ReadonlyMap<string, SignerFacts>,
): ScanReportInfo {
  const info: ScanReportInfo = {
    id: row.id,
    digest: row.digest,
    scannedDigest: row.scanned_digest,
    registry: row.registry_host,
    repository: row.repository,
    source: row.source as ScanSource,
    format: row.format as ScanReportFormat,
    scannerName: row.scanner_name,
    importedAt: row.imported_at,
    ...reportAge(row.generated_at, freshness),
    verified: isTrustedReport(row, signers, freshness.now),
    summary: summaryOf(row),
    warnings: JSON.parse(row.warnings) as ScanReportWarning[],
  };
  if (row.scanner_vendor !== null) info.scannerVendor = row.scanner_vendor;
  if (row.scanner_version !== null) info.scannerVersion = row.scanner_version;
  if (row.database_version !== null) info.databaseVersion = row.database_version;
  if (row.generated_at !== null) info.generatedAt = row.generated_at;
  const attestation = attestationOf(row, signers, freshness.now);
  if (attestation !== undefined) info.attestation = attestation;
  if (row.uploaded_by_name !== null) info.uploadedBy = row.uploaded_by_name;
  return info;
}
