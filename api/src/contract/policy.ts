import { z } from 'zod';
import { severitySchema } from './scan.ts';
import { repositoryPrefixSchema } from './signer.ts';

/**
 * Rule for the signatures that count. `approved-in-scope`: the signer's scope must cover the image's
 * repository. `approved`: any approved, unexpired signer counts wherever it signed.
 */
export const signerRuleSchema = z.enum(['approved-in-scope', 'approved']);
export type SignerRule = z.infer<typeof signerRuleSchema>;

export const minScanAgeDays = 1;
export const maxScanAgeDays = 365;
export const maxPolicyExceptions = 500;
export const maxJustificationLength = 2000;

const cvePattern = /^CVE-\d{4}-\d{4,}$/;
// GitHub advisory ids use groups of four characters from a 32-letter alphabet without look-alikes.
const ghsaPattern = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;

/**
 * Writes a vulnerability id the way its database does: `CVE-2024-1234` in upper case and
 * `GHSA-xxxx-xxxx-xxxx` with a lower-case body, so that ids typed in either case compare equal.
 */
export function normaliseVulnerabilityId(id: string): string {
  const trimmed = id.trim();
  const upper = trimmed.toUpperCase();
  if (upper.startsWith('GHSA-')) return `GHSA-${trimmed.slice(5).toLowerCase()}`;
  return upper;
}

/** A CVE id (`CVE-2024-3094`) or a GitHub advisory id (`GHSA-gq9m-qvpx-68hc`), in either case. */
export const vulnerabilityIdSchema = z
  .string({ error: 'vulnerabilityId must be a string' })
  .max(64, 'vulnerabilityId must be at most 64 characters')
  .transform(normaliseVulnerabilityId)
  .refine(
    (id) => cvePattern.test(id) || ghsaPattern.test(id),
    'vulnerabilityId must be a CVE id such as CVE-2024-3094 or a GitHub advisory id such as GHSA-gq9m-qvpx-68hc',
  );

const isoDateTime = (field: string) =>
  z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO 8601 date and time, such as 2026-12-31T23:59:59Z`,
  });

/** An exception as an administrator writes it. */
export const policyExceptionInputSchema = z.object({
  vulnerabilityId: vulnerabilityIdSchema,
  justification: z
    .string({ error: 'justification must be a string' })
    .trim()
    .min(1, 'justification is required: say why the finding is acceptable')
    .max(maxJustificationLength, `justification must be at most ${maxJustificationLength} characters`),
  /** Must lie in the future when the exception is added or changed. */
  expiresAt: isoDateTime('expiresAt'),
  /** Repository prefixes the exception applies to; empty applies it to every image. */
  repositories: z
    .array(repositoryPrefixSchema)
    .max(20, 'repositories must have at most 20 entries')
    .optional(),
});
export type PolicyExceptionInput = z.input<typeof policyExceptionInputSchema>;

/** A stored exception: what the administrator wrote, plus who added it and when. */
export const policyExceptionSchema = z.object({
  vulnerabilityId: z.string(),
  justification: z.string(),
  expiresAt: z.string(),
  repositories: z.array(z.string()),
  /** User name of the administrator who added the exception or last changed it. */
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export type PolicyException = z.infer<typeof policyExceptionSchema>;

const policyFields = {
  signerRule: signerRuleSchema,
  maxScanAgeDays: z
    .number({ error: `maxScanAgeDays must be a whole number of days, ${minScanAgeDays}-${maxScanAgeDays}` })
    .int(`maxScanAgeDays must be a whole number of days, ${minScanAgeDays}-${maxScanAgeDays}`)
    .min(minScanAgeDays, `maxScanAgeDays must be ${minScanAgeDays}-${maxScanAgeDays} days`)
    .max(maxScanAgeDays, `maxScanAgeDays must be ${minScanAgeDays}-${maxScanAgeDays} days`),
  /** Findings of these severities fail the scan policy; an empty list lets every finding pass. */
  failSeverities: z
    .array(severitySchema)
    .max(6)
    .refine((list) => new Set(list).size === list.length, 'failSeverities must not repeat a severity'),
  /** When true, only findings that have a fixed version fail the policy. */
  fixableOnly: z.boolean({ error: 'fixableOnly must be true or false' }),
};

/** The trust policy as an administrator submits it. */
export const trustPolicyInputSchema = z
  .object({
    ...policyFields,
    exceptions: z
      .array(policyExceptionInputSchema)
      .max(maxPolicyExceptions, `exceptions must have at most ${maxPolicyExceptions} entries`),
  })
  .superRefine((policy, context) => {
    const seen = new Map<string, number>();
    policy.exceptions.forEach((exception, index) => {
      const first = seen.get(exception.vulnerabilityId);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['exceptions', index, 'vulnerabilityId'],
          message: `${exception.vulnerabilityId} already has an exception (entry ${first + 1}); list its repositories in that entry`,
        });
      } else {
        seen.set(exception.vulnerabilityId, index);
      }
    });
  });
export type TrustPolicyInput = z.input<typeof trustPolicyInputSchema>;

/** The stored trust policy document. */
export const trustPolicySchema = z.object({
  ...policyFields,
  exceptions: z.array(policyExceptionSchema),
});
export type TrustPolicy = z.infer<typeof trustPolicySchema>;

/** One field that differs between a policy version and the one before it. */
export const policyChangeSchema = z.object({
  field: z.string(),
  /** Plain words, such as `7 days` to `3 days`, or `added CVE-2024-3094 (until 2026-01-31)`. */
  description: z.string(),
});
export type PolicyChange = z.infer<typeof policyChangeSchema>;

export const trustPolicyVersionSchema = z.object({
  version: z.number().int().positive(),
  policy: trustPolicySchema,
  createdAt: z.string(),
  /** User name of the administrator; absent for the built-in first version, and for visitors and reviewers. */
  author: z.string().optional(),
  /** True for the version Assay created itself (the default policy). */
  bySystem: z.boolean(),
  reason: z.string(),
  isCurrent: z.boolean(),
  /** Differences from the previous version; empty for the first. */
  changes: z.array(policyChangeSchema),
});
export type TrustPolicyVersion = z.infer<typeof trustPolicyVersionSchema>;

export const trustPolicyHistorySchema = z.object({
  /** Newest first. */
  items: z.array(trustPolicyVersionSchema.omit({ policy: true })),
});
export type TrustPolicyHistory = z.infer<typeof trustPolicyHistorySchema>;

/** Body of `PUT /policy`: the whole new policy, the version it was edited from, and why. */
export const updateTrustPolicyBodySchema = z.object({
  /** The version the editor started from; the request fails with 409 when another edit came first. */
  baseVersion: z
    .number({ error: 'baseVersion must be the version number the edit started from' })
    .int('baseVersion must be a whole number')
    .positive('baseVersion must be 1 or more'),
  reason: z
    .string({ error: 'reason must be a string' })
    .trim()
    .min(1, 'reason is required: say why the policy changes')
    .max(1000, 'reason must be at most 1000 characters'),
  policy: trustPolicyInputSchema,
});
export type UpdateTrustPolicyBody = z.input<typeof updateTrustPolicyBodySchema>;
