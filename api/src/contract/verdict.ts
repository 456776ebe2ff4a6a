import { z } from 'zod';

/**
 * `trusted`: a valid signature on this digest from a signer the policy counts, and the scan policy
 * passes. `warning`: such a signature, but the scan policy fails or no usable scan exists.
 * `untrusted`: no signature counts, or the image is unresolved, or the tag moved away from the
 * registered digest.
 */
export const verdictSchema = z.enum(['trusted', 'warning', 'untrusted']);
export type Verdict = z.infer<typeof verdictSchema>;

/** Every verdict, best first; the catalog sorts by this order. */
export const verdicts: readonly Verdict[] = verdictSchema.options;

/**
 * Effect of a reason on the verdict: `fail` makes it untrusted, `warning` makes it at most a warning,
 * `info` explains without changing it, and `pass` is a condition the verdict needed and met.
 */
export const verdictReasonSeveritySchema = z.enum(['fail', 'warning', 'info', 'pass']);
export type VerdictReasonSeverity = z.infer<typeof verdictReasonSeveritySchema>;

export const verdictReasonCodeSchema = z.enum([
  /** The version's image has no known digest (pending, not found, registry not configured or failing). */
  'image-unresolved',
  /** The tag now points to another digest than the one registered for the version. */
  'tag-moved',
  /** Signatures of the digest have not been looked up yet. */
  'signatures-not-checked',
  /** The last signature lookup failed and no earlier result exists. */
  'signature-check-failed',
  /** No signature was found on the digest. */
  'unsigned',
  /** A valid signature by a signer the policy counts. */
  'signed-by-approved',
  'signer-pending',
  /** A valid signature by a key or identity without a signer record. */
  'signer-unknown',
  'signer-revoked',
  /** The signer's approval has expired. */
  'signer-expired',
  /** The signer is approved for other repositories only. */
  'signer-out-of-scope',
  'signature-invalid',
  'signature-unverifiable',
  'scan-missing',
  /** The only report is an attestation whose signature did not verify. */
  'scan-unverified',
  /** The report is older than the policy's maximum scan age. */
  'scan-stale',
  /** The report does not say when the scan ran. */
  'scan-age-unknown',
  'findings-fail-policy',
  'scan-passed',
  /** Findings the policy accepts through an exception that has not expired. */
  'exception-applied',
  /** An exception matched findings but has expired, so they count again. */
  'exception-expired',
  /** The policy version the verdict was computed with. */
  'policy-version',
]);
export type VerdictReasonCode = z.infer<typeof verdictReasonCodeSchema>;

export const verdictEvidenceKindSchema = z.enum([
  'signature',
  'signer',
  'scan',
  'image',
  'policy',
  'exception',
]);
export type VerdictEvidenceKind = z.infer<typeof verdictEvidenceKindSchema>;

export const verdictEvidenceSchema = z.object({
  kind: verdictEvidenceKindSchema,
  /** Path of the Assay web page that shows the evidence, such as `/signers/<id>`. */
  href: z.string(),
  /** Identifier of the evidence: signature, signer or report id, digest, policy version or vulnerability id. */
  id: z.string(),
});
export type VerdictEvidence = z.infer<typeof verdictEvidenceSchema>;

export const verdictReasonSchema = z.object({
  code: verdictReasonCodeSchema,
  severity: verdictReasonSeveritySchema,
  /** One sentence for people, naming the signer, scanner or finding involved. */
  message: z.string(),
  evidence: verdictEvidenceSchema,
});
export type VerdictReason = z.infer<typeof verdictReasonSchema>;

/** State of the scan input, for the admin overview's list of stale scans. */
export const verdictScanStatusSchema = z.enum([
  'fresh',
  'stale',
  'age-unknown',
  'missing',
  'unverified',
  'not-applicable',
]);
export type VerdictScanStatus = z.infer<typeof verdictScanStatusSchema>;

/** Body of `GET /plugins/{name}/versions/{version}/verdict`. */
export const versionVerdictSchema = z.object({
  plugin: z.string(),
  version: z.string(),
  /** The digest judged: the one registered for the version, or the current one before registration. */
  digest: z.string().optional(),
  verdict: verdictSchema,
  policyVersion: z.number().int().positive(),
  computedAt: z.string(),
  /** When the verdict may change without any new input (a scan ageing, an exception or approval expiring). */
  validUntil: z.string().optional(),
  scanStatus: verdictScanStatusSchema,
  /** Ordered: failing reasons first, then warnings, explanations and met conditions. */
  reasons: z.array(verdictReasonSchema),
});
export type VersionVerdict = z.infer<typeof versionVerdictSchema>;

/** The verdict of a plugin's newest version as the catalog lists it. */
export const catalogVerdictSchema = z.object({
  verdict: verdictSchema,
  version: z.string(),
  policyVersion: z.number().int().positive(),
  /** The reasons without their evidence links, for the badge's hover text. */
  reasons: z.array(verdictReasonSchema.pick({ code: true, severity: true, message: true })),
});
export type CatalogVerdict = z.infer<typeof catalogVerdictSchema>;
