import { z } from 'zod';

/** Finding severities from least to most severe, as the Harbor scanner API names them (lower-cased). */
export const severitySchema = z.enum(['unknown', 'negligible', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

/** Every severity, least severe first, so the array index orders severities. */
export const severities: readonly Severity[] = severitySchema.options;

/** Origin of a report: a Harbor-API scanner, a vulnerability attestation in the registry, or an upload. */
export const scanSourceSchema = z.enum(['scanner-api', 'attestation', 'upload']);
export type ScanSource = z.infer<typeof scanSourceSchema>;

/** The document format a report was parsed from. */
export const scanReportFormatSchema = z.enum([
  /** Trivy JSON with `SchemaVersion: 2`. */
  'trivy',
  /** Trivy JSON from before `SchemaVersion`: a top-level array of results, or `null`. */
  'trivy-legacy',
  /** Harbor scanner API report, MIME type version 1.0 or 1.1. */
  'harbor',
  /** Cosign vulnerability attestation (`https://cosign.sigstore.dev/attestation/vuln/v1`) holding Trivy JSON. */
  'cosign-vuln',
]);
export type ScanReportFormat = z.infer<typeof scanReportFormatSchema>;

/** OCI digest of the scanned image: `sha256:` with 64 or `sha512:` with 128 lower-case hex digits. */
export const imageDigestSchema = z
  .string()
  .regex(
    /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/,
    'digest must be sha256:<64 hex> or sha512:<128 hex>',
  );

export const findingSchema = z.object({
  /** Identifier the scanner reported, for example `CVE-2019-18224` or `GHSA-gq9m-qvpx-68hc`. */
  vulnerabilityId: z.string().min(1),
  /** Other identifiers of the same vulnerability (Trivy `VendorIDs`, such as `DSA-4613-1`). */
  aliases: z.array(z.string()),
  package: z.string(),
  /** Empty when the report does not state the installed version. */
  installedVersion: z.string(),
  /** Absent when no fixed version exists. Reports that write an empty string mean the same. */
  fixedVersion: z.string().optional(),
  severity: severitySchema,
  /**
   * CVSS base score 0-10. A v3 score wins over a v2 score. Within a version, Harbor's preferred
   * CVSS comes before the vendor scores, and NVD before other vendors.
   */
  cvssScore: z.number().min(0).max(10).optional(),
  /** CVSS vector that belongs to `cvssScore`, when the report gives one. */
  cvssVector: z.string().optional(),
  title: z.string().optional(),
  /** Plain text from the scanner, to be rendered as text and never as HTML. */
  description: z.string().optional(),
  /** http and https links only, primary link first, without duplicates. */
  links: z.array(z.string()),
  /** Trivy result target, for example `debian-buster.tar.gz (debian 10.1)` or `requirements.txt`. */
  target: z.string().optional(),
  /** Trivy result class: `os-pkgs` or `lang-pkgs`. */
  packageClass: z.string().optional(),
  /** Package ecosystem from Trivy's result `Type`, for example `debian`, `alpine`, `pip`. */
  packageType: z.string().optional(),
  /** Package URL, when the scanner gives one. */
  purl: z.string().optional(),
  /** Trivy fix status, for example `fixed`, `affected`, `will_not_fix`. */
  status: z.string().optional(),
  /** Advisory database the finding came from, for example `Debian Security Tracker`. */
  dataSource: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const scanReportSchema = z.object({
  digest: imageDigestSchema,
  source: scanSourceSchema,
  format: scanReportFormatSchema,
  scannerName: z.string(),
  scannerVendor: z.string().optional(),
  /** Absent when the report does not name it (legacy Trivy arrays). */
  scannerVersion: z.string().optional(),
  /**
   * Vulnerability database version when known: the attestation's `scanner.db.version`, or for
   * Harbor-API scans the adapter's `vulnerability-database-updated-at` property.
   */
  databaseVersion: z.string().optional(),
  /**
   * Time of the scan as an ISO 8601 timestamp. Absent when the report does not state it (legacy
   * Trivy arrays), so that a freshness policy cannot mistake an old upload for a new scan.
   */
  generatedAt: z.string().optional(),
  /** One entry per vulnerability, package, installed version and target. */
  findings: z.array(findingSchema),
});
export type ScanReport = z.infer<typeof scanReportSchema>;

/** A part of a report that was read but not used, such as an entry without a vulnerability id. */
export const scanReportWarningSchema = z.object({
  /** JSON path into the original document, for example `$[0].Vulnerabilities[0]`. */
  path: z.string(),
  problem: z.string(),
});
export type ScanReportWarning = z.infer<typeof scanReportWarningSchema>;

const countBySeveritySchema = z.record(severitySchema, z.number().int().nonnegative());

/** Finding counts of one report. */
export const scanSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  bySeverity: countBySeveritySchema,
  /** Findings that have a fixed version. */
  fixable: z.number().int().nonnegative(),
  notFixable: z.number().int().nonnegative(),
  fixableBySeverity: countBySeveritySchema,
  /** Absent when no finding has a CVSS score. */
  maxCvss: z.number().min(0).max(10).optional(),
  /** Absent when there are no findings. */
  highestSeverity: severitySchema.optional(),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;
