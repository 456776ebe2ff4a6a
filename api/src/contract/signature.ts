import { z } from 'zod';

/** Origin of a signature: a layer of the `sha256-<hex>.sig` tag, or a Sigstore bundle referrer. */
export const signatureSourceSchema = z.enum(['cosign-tag', 'referrer-bundle']);
export type SignatureSource = z.infer<typeof signatureSourceSchema>;

/** Key-based signatures name a public key, while certificate-based ones carry an X.509 certificate. */
export const signatureKindSchema = z.enum(['key', 'certificate']);
export type SignatureKind = z.infer<typeof signatureKindSchema>;

/**
 * `valid`: every check passed. `invalid`: a check proved the signature wrong or meant for something
 * else. `unverifiable`: the configured trust cannot vouch for it (unknown key or identity, no signing
 * time, a limit or format it cannot process).
 */
export const signatureStatusSchema = z.enum(['valid', 'invalid', 'unverifiable']);
export type SignatureStatus = z.infer<typeof signatureStatusSchema>;

/** Machine-readable outcome of a signature check. `reasonText` words it for people. */
export const signatureReasonSchema = z.enum([
  'ok',
  /** The signed payload names another image digest than the one shown. */
  'digest-mismatch',
  /** The cryptographic check, or the Rekor entry that vouches for it, failed. */
  'bad-signature',
  /** No known public key verifies the signature. */
  'unknown-key',
  /** The payload, signature encoding or certificate could not be parsed. */
  'malformed-payload',
  /** The entry is not a cosign container image signature (another attachment or attestation). */
  'not-a-signature',
  /** The certificate does not chain to a configured certificate authority, or is not for code signing. */
  'certificate-untrusted',
  /** The verified signing time lies outside the certificate's validity period. */
  'certificate-expired-at-signing',
  /** A certificate signature has no verified signing time and its authority requires one. */
  'no-signing-time',
  /** The certificate is trusted but its identity is not one of the known keyless identities. */
  'identity-mismatch',
  /** A format, key type or transparency-log entry kind that this version cannot check. */
  'unsupported',
  /** The entry is larger than the configured size limit, so it was not downloaded. */
  'too-large',
  /** More entries exist than the configured limit allows, so the rest were not read. */
  'limit-exceeded',
]);
export type SignatureReason = z.infer<typeof signatureReasonSchema>;

/** Identity read from a signing certificate. Times are ISO 8601. */
export const certificateIdentitySchema = z.object({
  /** Subject alternative name: the one that matched a known identity, otherwise the first email, URI or DNS name. */
  san: z.string(),
  /** OIDC issuer from the Fulcio extension, or the certificate issuer's distinguished name when it has none. */
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** Integrated time of the verified Rekor entry, the time the chain was checked at. */
  logEntryTime: z.string().optional(),
  /** Time the chain was checked at: the Rekor entry, or the verification time for a private CA that allows it. */
  signingTimeSource: z.enum(['rekor', 'verification-time']).optional(),
});
export type CertificateIdentity = z.infer<typeof certificateIdentitySchema>;

/** Claims the signed payload makes about the image. */
export const signatureClaimsSchema = z.object({
  /** `critical.identity.docker-reference` of a simple-signing payload, or the in-toto subject name. */
  dockerReference: z.string().optional(),
  /** `critical.image.docker-manifest-digest`, or the in-toto subject's sha256 digest. */
  dockerManifestDigest: z.string().optional(),
  /** The simple-signing `optional` object, or the in-toto subject's annotations. */
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type SignatureClaims = z.infer<typeof signatureClaimsSchema>;

/** Position of the signature entry in the registry. */
export const signatureLocationSchema = z.object({
  /** Digest of the `.sig` manifest or of the referrer manifest. */
  manifestDigest: z.string().optional(),
  /** Digest of the payload or bundle blob. */
  layerDigest: z.string().optional(),
  /** Zero-based position of the layer in the `.sig` manifest. */
  layerIndex: z.number().int().nonnegative().optional(),
});
export type SignatureLocation = z.infer<typeof signatureLocationSchema>;

/** Outcome of checking one signature entry found on one image digest. */
export const signatureResultSchema = z.object({
  /** The image digest the signature was found on and is checked against. */
  digest: z.string(),
  /** Absent only for a limit that stopped discovery before either source was read (too many platforms). */
  source: signatureSourceSchema.optional(),
  /** Absent when the entry was not read far enough to tell (for example `limit-exceeded`). */
  kind: signatureKindSchema.optional(),
  status: signatureStatusSchema,
  reason: signatureReasonSchema,
  reasonText: z.string(),
  /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo of the key that made the signature, when known. */
  keyFingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** PEM of a public key that verified the signature but is not a known key, so a pending signer can be created. */
  publicKeyPem: z.string().optional(),
  certificate: certificateIdentitySchema.optional(),
  claims: signatureClaimsSchema.optional(),
  /** The signer this signature belongs to: the key fingerprint, or `san|issuer` for a certificate identity. */
  signerRef: z.string().optional(),
  location: signatureLocationSchema,
});
export type SignatureResult = z.infer<typeof signatureResultSchema>;

/**
 * Signature badge of an image digest or a plugin, computed from the signatures that cover that exact
 * digest. `approved`: at least one valid signature by an approved, unexpired signer whose scope covers
 * the repository. `unapproved`: signed, but only by pending, revoked, expired, out-of-scope or unknown
 * signers. `invalid`: only signatures that failed verification. `unsigned`: no signature at all.
 */
export const signatureStateSchema = z.enum(['approved', 'unapproved', 'invalid', 'unsigned']);
export type SignatureState = z.infer<typeof signatureStateSchema>;

/**
 * What one signature means for the image once the signer table is applied, computed when it is read
 * so that approving or revoking a signer changes it at once.
 */
export const signatureTrustStateSchema = z.enum([
  /** Valid, and the signer is approved, unexpired and scoped to this repository. */
  'approved',
  /** Valid, and the signer waits for an administrator's decision. */
  'pending',
  /** Valid, but an administrator revoked the signer. */
  'revoked',
  /** Valid, but the signer's approval has expired. */
  'signer-expired',
  /** Valid, but the signer is approved only for other repositories. */
  'out-of-scope',
  /** No known signer: a key that no signer record holds, or an identity that matches none. */
  'unknown-signer',
  /** Verification proved the signature wrong or meant for another image. */
  'invalid',
  /** The configured trust cannot check it (untrusted certificate, no signing time, unsupported, too large). */
  'unverifiable',
  /** Not a signature (another attachment) or a notice that a limit stopped discovery; never counts. */
  'ignored',
]);
export type SignatureTrustState = z.infer<typeof signatureTrustStateSchema>;
