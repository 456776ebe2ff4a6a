import { z } from 'zod';
import {
  signatureResultSchema,
  signatureStateSchema,
  signatureTrustStateSchema,
  signatureReasonSchema,
} from './signature.ts';
import { nameSchema } from './accounts.ts';
import { freeTextProblem } from './user-text.ts';
import { identityIssuerSchema, identitySanSchema, publicKeyPemFormat } from './signer-input.ts';

/** Approval status of a signer. Only `approved` signers make an image's signature count. */
export const signerStatusSchema = z.enum(['pending', 'approved', 'revoked']);
export type SignerStatus = z.infer<typeof signerStatusSchema>;

/** A public key (key-based cosign signatures), or a keyless certificate identity (SAN plus OIDC issuer). */
export const signerKindSchema = z.enum(['key', 'identity']);
export type SignerKind = z.infer<typeof signerKindSchema>;

/** Origin of a signer record: added by an administrator, found on an image, or seeded by the demo. */
export const signerOriginSchema = z.enum(['admin', 'discovered', 'demo']);
export type SignerOrigin = z.infer<typeof signerOriginSchema>;

export const maxScopeEntries = 20;

/**
 * Repository prefix of a signer's scope: a registry host (with an optional port), then whole path
 * segments, compared segment by segment so that `docker.io/polusai` covers `docker.io/polusai/x` and
 * not `docker.io/polusai-fork/x`.
 */
export const repositoryPrefixSchema = z
  .string()
  .trim()
  .max(255, 'a scope entry must be at most 255 characters')
  .regex(
    /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
    'a scope entry must be a lower-case registry host and optional repository path, such as docker.io/polusai',
  );

export const signerScopeSchema = z
  .array(repositoryPrefixSchema)
  .max(maxScopeEntries, `scope must have at most ${maxScopeEntries} entries`);

const displayNameSchema = nameSchema('displayName', 200);

const expiresAtSchema = z.iso.datetime({
  offset: true,
  error: 'expiresAt must be an ISO 8601 date and time, such as 2026-12-31T23:59:59Z',
});

export const signerSchema = z.object({
  id: z.string(),
  kind: signerKindSchema,
  displayName: z.string(),
  status: signerStatusSchema,
  /** Present for key signers. */
  publicKey: z
    .object({
      /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo. */
      fingerprint: z.string(),
      /** For example `ecdsa-p256`, `rsa-4096`, `ed25519`. */
      algorithm: z.string(),
      pem: z.string(),
    })
    .optional(),
  /** Present for identity signers; both values are matched exactly. */
  identity: z.object({ san: z.string(), issuer: z.string() }).optional(),
  /** Repository prefixes the approval covers; empty covers every repository. */
  scope: z.array(z.string()),
  expiresAt: z.string().optional(),
  /** True when `expiresAt` has passed: the approval no longer counts. */
  expired: z.boolean(),
  statusChangedAt: z.string(),
  /** User name of the administrator who last changed the status; sent to administrators only. */
  statusChangedBy: z.string().optional(),
  /** Reason for the last status change; always present for `revoked`. */
  statusReason: z.string().optional(),
  origin: signerOriginSchema,
  createdAt: z.string(),
  /** Distinct image digests that carry a signature attributed to this signer. */
  imageCount: z.number().int().nonnegative(),
});
export type Signer = z.infer<typeof signerSchema>;

export const maxSignerPageSize = 100;

/** Query of `GET /api/v1/signers`. List filters repeat the parameter (`status=pending&status=revoked`). */
export const signerListQuerySchema = z.object({
  status: z.array(signerStatusSchema).max(3).optional(),
  kind: z.array(signerKindSchema).max(2).optional(),
  /** Matched as a substring of the display name, fingerprint, SAN and issuer. */
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  page: z.coerce
    .number()
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000)
    .optional(),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be 1-${maxSignerPageSize}`)
    .max(maxSignerPageSize, `pageSize must be 1-${maxSignerPageSize}`)
    .optional(),
});
export type SignerListQuery = z.infer<typeof signerListQuerySchema>;

export const signerListPageSchema = z.object({
  items: z.array(signerSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Signers per status over the whole table, for the filter labels. */
  statusCounts: z.object({
    pending: z.number().int(),
    approved: z.number().int(),
    revoked: z.number().int(),
  }),
});
export type SignerListPage = z.infer<typeof signerListPageSchema>;

export const signerHistoryActionSchema = z.enum(['created', 'discovered', 'approved', 'revoked', 'updated']);
export type SignerHistoryAction = z.infer<typeof signerHistoryActionSchema>;

/** One change of a signer record, read from the audit log. */
export const signerHistoryEntrySchema = z.object({
  at: z.string(),
  action: signerHistoryActionSchema,
  /** User name of the administrator; absent for changes made by Assay itself and for non-administrators. */
  actor: z.string().optional(),
  /** True for changes made by Assay itself (discovery on an image, demo seeding). */
  bySystem: z.boolean(),
  reason: z.string().optional(),
  /** Fields whose values changed, with JSON-encodable old and new values. */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type SignerHistoryEntry = z.infer<typeof signerHistoryEntrySchema>;

/** An image digest that carries a signature attributed to a signer. */
export const signedImageSchema = z.object({
  plugin: z.string(),
  pluginTitle: z.string(),
  version: z.string(),
  /** `host/repository` of the image. */
  repository: z.string(),
  /** The digest the signature covers. */
  digest: z.string(),
  state: signatureTrustStateSchema,
  reason: signatureReasonSchema,
  /** `attestation` for a vulnerability attestation the signer signed; an image signature when absent. */
  kind: z.enum(['signature', 'attestation']).optional(),
});
export type SignedImage = z.infer<typeof signedImageSchema>;

export const signerDetailSchema = z.object({
  signer: signerSchema,
  /** Oldest first. */
  history: z.array(signerHistoryEntrySchema),
  /** At most 200 entries; `imagesTruncated` is true when more exist. */
  images: z.array(signedImageSchema),
  imagesTruncated: z.boolean(),
});
export type SignerDetail = z.infer<typeof signerDetailSchema>;

const scopeAndExpiry = {
  scope: signerScopeSchema.optional(),
  expiresAt: expiresAtSchema.optional(),
  /** Approves the new signer at once instead of leaving it pending. */
  approve: z.boolean().optional(),
};

/** Body of `POST /api/v1/signers`: a PEM public key, or an exact SAN and issuer. */
export const createSignerBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('key'),
    displayName: displayNameSchema,
    publicKeyPem: z
      .string()
      .min(1, `publicKeyPem must not be empty: paste ${publicKeyPemFormat}`)
      .max(
        16_384,
        `publicKeyPem must be at most 16384 characters; paste ${publicKeyPemFormat}, which is a few hundred characters long`,
      ),
    ...scopeAndExpiry,
  }),
  z.object({
    kind: z.literal('identity'),
    displayName: displayNameSchema,
    san: identitySanSchema,
    issuer: identityIssuerSchema,
    ...scopeAndExpiry,
  }),
]);
export type CreateSignerBody = z.infer<typeof createSignerBodySchema>;

/** Body of `PATCH /api/v1/signers/{id}`; `expiresAt: null` removes the expiry. */
export const updateSignerBodySchema = z
  .object({
    displayName: displayNameSchema.optional(),
    scope: signerScopeSchema.optional(),
    expiresAt: expiresAtSchema.nullable().optional(),
  })
  .refine(
    (body) => body.displayName !== undefined || body.scope !== undefined || body.expiresAt !== undefined,
    'send at least one of displayName, scope and expiresAt',
  );
export type UpdateSignerBody = z.infer<typeof updateSignerBodySchema>;

const reasonText = z
  .string()
  .trim()
  .max(1000, 'reason must be at most 1000 characters')
  .superRefine((value, context) => {
    const problem = value === '' ? undefined : freeTextProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `reason ${problem}` });
  });

/**
 * Body of `POST /api/v1/signers/{id}/approve`. `scope` replaces the signer's scope in the same change,
 * so that the approval covers exactly the repositories the administrator confirmed. Without it the
 * stored scope stays. An empty scope covers every repository.
 */
export const approveSignerBodySchema = z.object({
  reason: reasonText.optional(),
  scope: signerScopeSchema.optional(),
});
export type ApproveSignerBody = z.infer<typeof approveSignerBodySchema>;

export const revokeSignerBodySchema = z.object({
  reason: reasonText.min(1, 'reason is required: say why the signer is revoked'),
});
export type RevokeSignerBody = z.infer<typeof revokeSignerBodySchema>;

/** Digest a signature covers, relative to the digest being shown. */
export const signatureCoverageSchema = z.object({
  /** `image`: the shown digest itself; `platform`: one platform manifest of it; `index`: the index above it. */
  role: z.enum(['image', 'platform', 'index']),
  /** `os/architecture[/variant]` for a platform manifest. */
  platform: z.string().optional(),
});
export type SignatureCoverage = z.infer<typeof signatureCoverageSchema>;

/** One signature on a plugin version, with its verification result and its signer's current status. */
export const versionSignatureSchema = signatureResultSchema.omit({ publicKeyPem: true }).extend({
  /** Id of the stored result, kept until the next registry lookup; the plugin page anchors it as `#signature-<id>`. */
  id: z.string(),
  state: signatureTrustStateSchema,
  /** The state in plain words, naming the signer and, for a revoked signer, the reason. */
  stateText: z.string(),
  signer: z
    .object({
      id: z.string(),
      displayName: z.string(),
      status: signerStatusSchema,
      kind: signerKindSchema,
    })
    .optional(),
  covers: signatureCoverageSchema,
  verifiedAt: z.string(),
});
export type VersionSignature = z.infer<typeof versionSignatureSchema>;

/** The signatures found for one digest of a version and of the manifests related to it. */
export const signatureSubjectSchema = z.object({
  digest: z.string(),
  /** `current`: what the tag points to now; `registered`: the digest first seen, when the tag moved since. */
  role: z.enum(['current', 'registered']),
  state: signatureStateSchema,
  signatures: z.array(versionSignatureSchema),
});
export type SignatureSubject = z.infer<typeof signatureSubjectSchema>;

export const versionSignaturesSchema = z.object({
  plugin: z.string(),
  version: z.string(),
  /** Badge of the current digest. */
  state: signatureStateSchema,
  check: z.object({
    /** `not-checked`: the image is not resolved or not looked at yet; `failed`: the last lookup failed. */
    status: z.enum(['checked', 'not-checked', 'failed']),
    checkedAt: z.string().optional(),
    /** Reason the last lookup failed; the results shown are from the lookup before it. */
    error: z.string().optional(),
  }),
  subjects: z.array(signatureSubjectSchema),
});
export type VersionSignatures = z.infer<typeof versionSignaturesSchema>;
