import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { wildcardIn } from '../contract/signer-input.ts';
import { scopeGroups, slug, type ExportInput, type ExportSigner, type ScopeGroup } from './signers.ts';

// Kyverno ClusterPolicy (kyverno.io/v1) with verifyImages rules for Sigstore Cosign signatures, as
// Kyverno's verify-images documentation and its ClusterPolicy CRD describe them. Image references are
// wildcard patterns over the full reference: `*` matches any characters, and Docker Hub images are
// `docker.io/...`. Within an attestor, `count: 1` accepts a signature from any one of its entries.
//
// A keyless entry's `subject` is a wildcard pattern too. Kyverno's pkg/cosign/cosign.go matches it with
// the wildcard rules of github.com/kyverno/go-wildcard (`*` any run of characters, `?` any one
// character, no escape), and later versions of that file match `issuer` the same way. The
// verify-images documentation shows `subject: "*@nirmata.com"`. Assay matches both exactly, so a
// signer whose SAN or issuer contains either character is left out of the file, because writing it
// would accept other identities.

export const kyvernoApiVersion = 'kyverno.io/v1';

/** Patterns for the repository a prefix names and everything under it, with any tag or digest. */
export function prefixPatterns(prefix: string): string[] {
  return [`${prefix}/*`, `${prefix}:*`, `${prefix}@*`];
}

function entryOf(signer: ExportSigner): Record<string, unknown> {
  if (signer.publicKeyPem !== null) {
    // Assay verifies key signatures without a transparency-log entry, so Kyverno must not demand one.
    return {
      keys: {
        publicKeys: signer.publicKeyPem.trim(),
        rekor: { ignoreTlog: true },
        ctlog: { ignoreSCT: true },
      },
    };
  }
  return {
    keyless: {
      subject: signer.identity?.san ?? '',
      issuer: signer.identity?.issuer ?? '',
      rekor: { url: 'https://rekor.sigstore.dev' },
    },
  };
}

function ruleName(group: ScopeGroup): string {
  if (group.prefix === null) return 'assay-other-images';
  // Rule names are limited to 63 characters.
  const hash = createHash('sha256').update(group.prefix).digest('hex').slice(0, 8);
  return `assay-${slug(group.prefix, 45)}-${hash}`;
}

function ruleOf(group: ScopeGroup, skip: string[]): Record<string, unknown> {
  const references = group.prefix === null ? ['*'] : prefixPatterns(group.prefix);
  return {
    name: ruleName(group),
    match: { any: [{ resources: { kinds: ['Pod'] } }] },
    verifyImages: [
      {
        imageReferences: references,
        ...(skip.length > 0 ? { skipImageReferences: skip } : {}),
        failureAction: 'Enforce',
        mutateDigest: true,
        verifyDigest: true,
        required: true,
        attestors: [{ count: 1, entries: group.signers.map(entryOf) }],
      },
    ],
  };
}

/** Patterns of the prefixes that lie strictly under `prefix` (every prefix, for the catch-all group). */
function nestedPatterns(prefix: string | null, groups: readonly ScopeGroup[]): string[] {
  return groups.flatMap((group) =>
    group.prefix !== null &&
    group.prefix !== prefix &&
    (prefix === null || group.prefix.startsWith(`${prefix}/`))
      ? prefixPatterns(group.prefix)
      : [],
  );
}

/** An approved signer that the Kyverno policy leaves out, with the reason. */
export interface KyvernoOmission {
  signer: ExportSigner;
  reason: string;
}

/** The rules the Kyverno policy can hold: scope groups of the signers it can express exactly. */
export interface KyvernoPlan {
  groups: ScopeGroup[];
  omitted: KyvernoOmission[];
  /**
   * Reason no file can be written, set when leaving signers out empties a scope group. Dropping its rule
   * would leave those images unchecked, and Kyverno rejects an attestor without entries.
   */
  unavailable: string | undefined;
}

/** Describes why Kyverno cannot match a signer exactly, or returns undefined when it can. */
function inexpressibleReason(signer: ExportSigner): string | undefined {
  if (signer.identity === null) return undefined;
  for (const [field, value] of [
    ['SAN', signer.identity.san],
    ['issuer', signer.identity.issuer],
  ] as const) {
    const wildcard = wildcardIn(value);
    if (wildcard !== undefined) {
      return `Its ${field} ${JSON.stringify(value)} contains "${wildcard}", which Kyverno reads as a wildcard that would accept other identities, and Kyverno cannot escape it. Assay matches the ${field} exactly; the ClusterImagePolicy export matches it exactly too.`;
    }
  }
  return undefined;
}

function scopeLabel(prefix: string | null): string {
  return prefix === null ? 'images outside every scope' : prefix;
}

/** Groups the signers per scope as the other exports do, then leaves out those Kyverno cannot express. */
export function planKyvernoPolicy(input: ExportInput): KyvernoPlan {
  const omitted = input.signers.flatMap((signer) => {
    const reason = inexpressibleReason(signer);
    return reason === undefined ? [] : [{ signer, reason }];
  });
  const left = new Set(omitted.map((omission) => omission.signer.id));
  const groups = scopeGroups(input.signers, input.signerRule).map((group) => ({
    prefix: group.prefix,
    signers: group.signers.filter((signer) => !left.has(signer.id)),
  }));
  const emptied = groups
    .filter((group) => group.signers.length === 0)
    .map((group) => scopeLabel(group.prefix));
  return {
    groups,
    omitted,
    unavailable:
      emptied.length === 0
        ? undefined
        : `The Kyverno policy cannot be written: every approved signer for ${emptied.join(', ')} has a SAN or issuer containing "*" or "?", which Kyverno reads as wildcards, so the rule would either accept other identities or be left out and check nothing. Revoke those signers, or approve a signer with an exact SAN and issuer for that scope.`,
  };
}

/**
 * Builds one ClusterPolicy with a verifyImages rule per scope group. Each rule skips the prefixes nested
 * under its own, and the rule for every other image skips all of them, so each image is checked by
 * exactly one rule, against the signers that count for its repository. Throws when the plan finds that
 * no file can be written, so callers check `planKyvernoPolicy(input).unavailable` first.
 */
export function buildKyvernoPolicy(input: ExportInput): Record<string, unknown> {
  const { groups, unavailable } = planKyvernoPolicy(input);
  if (unavailable !== undefined) throw new Error(unavailable);
  return {
    apiVersion: kyvernoApiVersion,
    kind: 'ClusterPolicy',
    metadata: {
      name: 'assay-verify-plugin-images',
      annotations: {
        'policies.kyverno.io/title': 'Verify plugin image signatures',
        'policies.kyverno.io/subject': 'Pod',
        'policies.kyverno.io/description': `Images must carry a Cosign signature from a signer approved in Assay (trust policy version ${input.policyVersion}).`,
        'assay-trust-policy-version': String(input.policyVersion),
        'assay-generated-at': input.generatedAt,
      },
    },
    spec: {
      background: false,
      webhookConfiguration: { failurePolicy: 'Fail', timeoutSeconds: 30 },
      rules: groups.map((group) => ruleOf(group, nestedPatterns(group.prefix, groups))),
    },
  };
}

export function renderKyvernoPolicy(input: ExportInput): string {
  const { omitted } = planKyvernoPolicy(input);
  const document = new YAML.Document(buildKyvernoPolicy(input));
  document.commentBefore = [
    ` Kyverno ClusterPolicy generated by Assay from trust policy version ${input.policyVersion}`,
    ` at ${input.generatedAt}: ${input.signers.length} approved signer(s), rule ${input.signerRule}.`,
    ...(omitted.length > 0
      ? [
          ` Left out, because Kyverno would read their SAN or issuer as a wildcard pattern:`,
          // JSON strings keep a display name with line breaks on one comment line.
          ...omitted.map(({ signer }) => `   ${JSON.stringify(signer.displayName)} (signer ${signer.id})`),
        ]
      : []),
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}
