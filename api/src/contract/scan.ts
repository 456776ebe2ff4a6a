import { z } from 'zod';
import {
  certificateIdentitySchema,
  signatureKindSchema,
  signatureReasonSchema,
  signatureSourceSchema,
  signatureStatusSchema,
  signatureTrustStateSchema,
} from './signature.ts';

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

/** The signature check of a report read from a vulnerability attestation, and the signer who vouches for it. */
export const attestationSignatureSchema = z.object({
  status: signatureStatusSchema,
  reason: signatureReasonSchema,
  reasonText: z.string(),
  /** Place the attestation was found in: a layer of the `.att` tag, or a Sigstore bundle referrer. */
  foundIn: signatureSourceSchema.optional(),
  kind: signatureKindSchema.optional(),
  /** The key fingerprint, or `san|issuer` for a certificate identity. */
  signerRef: z.string().optional(),
  keyFingerprint: z.string().optional(),
  certificate: certificateIdentitySchema.optional(),
  /** The verification result combined with the signer's current record, by the same rules as image signatures. */
  trustState: signatureTrustStateSchema,
  /** The trust state in words, naming the signer. */
  trustText: z.string(),
  /** Display name of the signer record, when one exists. */
  signerName: z.string().optional(),
});
export type AttestationSignature = z.infer<typeof attestationSignatureSchema>;

/** A stored report without its findings, as the plugin page lists it. */
export const scanReportInfoSchema = z.object({
  id: z.string(),
  /** The digest the plugin version shows: an index or a manifest. */
  digest: z.string(),
  /** The platform manifest the scanner read; equal to `digest` for single-platform images. */
  scannedDigest: z.string(),
  registry: z.string(),
  repository: z.string(),
  source: scanSourceSchema,
  format: scanReportFormatSchema,
  scannerName: z.string(),
  scannerVendor: z.string().optional(),
  scannerVersion: z.string().optional(),
  databaseVersion: z.string().optional(),
  /** Absent when the report does not state when it was made; such a report counts as stale. */
  generatedAt: z.string().optional(),
  importedAt: z.string(),
  /** Whole days since `generatedAt`; absent with it. */
  ageDays: z.number().int().nonnegative().optional(),
  /** True when the report is older than the configured stale age, or its age is unknown. */
  stale: z.boolean(),
  /**
   * True for a scanner report, an upload, or an attestation whose signature verified and whose signer
   * is approved for the repository. Any other attestation only claims its findings, so it is false.
   */
  verified: z.boolean(),
  summary: scanSummarySchema,
  /** For attestations: the signature check and the signer. */
  attestation: attestationSignatureSchema.optional(),
  /** For uploads: the administrator who uploaded the report. */
  uploadedBy: z.string().optional(),
  warnings: z.array(scanReportWarningSchema),
});
export type ScanReportInfo = z.infer<typeof scanReportInfoSchema>;

/** A vulnerability attestation found in the registry and not used, with the reason. */
export const rejectedAttestationSchema = z.object({
  /** The digest whose `.att` tag or referrers hold it: the image, or one of its platform manifests. */
  digest: z.string(),
  /** Absent when the problem was found before the entry could be read (a listing or a limit). */
  foundIn: signatureSourceSchema.optional(),
  /** Digest of the envelope or bundle blob, when it was read. */
  layerDigest: z.string().optional(),
  reason: z.string(),
});
export type RejectedAttestation = z.infer<typeof rejectedAttestationSchema>;

export const scanJobStateSchema = z.enum(['running', 'succeeded', 'failed']);
export type ScanJobState = z.infer<typeof scanJobStateSchema>;

/** A scan through the configured scanner, as the rescan button follows it. */
export const scanJobSchema = z.object({
  id: z.string(),
  digest: z.string(),
  scannedDigest: z.string().optional(),
  state: scanJobStateSchema,
  /** Current step of the job, for example `waiting for the report (poll 3)`. */
  progress: z.string(),
  /** For `failed`: what went wrong, naming the scanner or registry. */
  error: z.string().optional(),
  /** For `succeeded`: the stored report. */
  reportId: z.string().optional(),
  reason: z.enum(['on-demand', 'scheduled']),
  requestedBy: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type ScanJobInfo = z.infer<typeof scanJobSchema>;

/** Body of `GET /plugins/{name}/versions/{version}/scan`. */
export const versionScanSchema = z.object({
  plugin: z.string(),
  version: z.string(),
  /** Absent when the version's image has not been resolved to a digest. */
  digest: z.string().optional(),
  /** Platform manifests of a multi-platform image, which an uploaded report may describe. */
  platforms: z.array(
    z.object({
      digest: z.string(),
      os: z.string(),
      architecture: z.string(),
      variant: z.string().optional(),
    }),
  ),
  /** Reports older than this many days are marked stale. */
  staleAfterDays: z.number().int().positive(),
  /** The report shown: a verified one first (scanner, upload, attestation by an approved signer), then the newest. */
  current: scanReportInfoSchema.optional(),
  /** Every stored report of the digest, the current one first. */
  reports: z.array(scanReportInfoSchema),
  /** Attestations of the last registry check that were rejected, so the page can give the reason they are not shown. */
  rejectedAttestations: z.array(rejectedAttestationSchema),
  /** Time of the last check of the image's attestations; absent before the first. */
  attestationsCheckedAt: z.string().optional(),
  rescan: z.object({
    /** True when a scanner is configured and the image's registry can be handed to it. */
    available: z.boolean(),
    /** Reason a rescan is not available. */
    unavailableReason: z.string().optional(),
    /** The newest scan job of the digest, running or finished. */
    latestJob: scanJobSchema.optional(),
  }),
});
export type VersionScan = z.infer<typeof versionScanSchema>;

export const findingSortSchema = z.enum(['severity', 'cvss', 'id', 'package']);
export type FindingSort = z.infer<typeof findingSortSchema>;

export const maxFindingsPageSize = 200;

/** Query of `GET /plugins/{name}/versions/{version}/scan/findings`. `severity` repeats for several values. */
export const findingsQuerySchema = z.object({
  /** A report id from the scan overview; the current report when absent. */
  report: z.string().max(100).optional(),
  severity: z.array(severitySchema).max(6).optional(),
  /** `true`: only findings with a fixed version; `false`: only findings without one. */
  fixable: z
    .enum(['true', 'false'], { error: 'fixable must be true or false' })
    .transform((value) => value === 'true')
    .optional(),
  /** Matches the vulnerability id, aliases, package and title, ignoring case. */
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  sort: findingSortSchema.optional(),
  order: z.enum(['asc', 'desc'], { error: 'order must be asc or desc' }).optional(),
  page: z.coerce
    .number()
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(100_000)
    .optional(),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be 1-${maxFindingsPageSize}`)
    .max(maxFindingsPageSize, `pageSize must be 1-${maxFindingsPageSize}`)
    .optional(),
});
export type FindingsQuery = z.input<typeof findingsQuerySchema>;
export type ParsedFindingsQuery = z.output<typeof findingsQuerySchema>;

export const findingsPageSchema = z.object({
  reportId: z.string(),
  items: z.array(findingSchema),
  /** Findings that match the filters, over all pages. */
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
export type FindingsPage = z.infer<typeof findingsPageSchema>;

/** One side of a comparison: a version, its digest and the report compared. */
export const comparedVersionSchema = z.object({
  version: z.string(),
  digest: z.string().optional(),
  report: scanReportInfoSchema.optional(),
});

/** Most findings listed per group of a comparison; the counts are always complete. */
export const maxComparedFindings = 1000;

/** Body of `GET /plugins/{name}/compare`. Findings match by vulnerability id and package. */
export const scanComparisonSchema = z.object({
  plugin: z.string(),
  from: comparedVersionSchema,
  to: comparedVersionSchema,
  /** In `to` and not in `from`. */
  added: z.array(findingSchema),
  /** In `from` and not in `to`. */
  fixed: z.array(findingSchema),
  /** In both; the finding as `to` reports it. */
  unchanged: z.array(findingSchema),
  counts: z.object({
    added: z.number().int().nonnegative(),
    fixed: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
  }),
  /** True when a group has more than `maxComparedFindings` findings, so its list is cut. */
  truncated: z.boolean(),
});
export type ScanComparison = z.infer<typeof scanComparisonSchema>;

export const compareQuerySchema = z.object({
  from: z
    .string({ error: 'from is required: the older version' })
    .min(1, 'from must name a version')
    .max(200),
  to: z.string({ error: 'to is required: the newer version' }).min(1, 'to must name a version').max(200),
});

/** The catalog's compact view of the scan a plugin's newest version shows. */
export const scanIndicatorSchema = z.object({
  total: z.number().int().nonnegative(),
  fixable: z.number().int().nonnegative(),
  bySeverity: countBySeveritySchema,
  highestSeverity: severitySchema.optional(),
  generatedAt: z.string().optional(),
  stale: z.boolean(),
  /** False when the report shown is an attestation whose signature did not verify or whose signer is not approved. */
  verified: z.boolean(),
});
export type ScanIndicator = z.infer<typeof scanIndicatorSchema>;
