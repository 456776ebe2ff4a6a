import type {
  SignatureReason,
  SignatureState,
  SignatureStatus,
  SignatureTrustState,
} from '../contract/signature.ts';
import type { SignerStatus } from '../contract/signer.ts';

/** The signer facts that decide what a valid signature is worth. */
export interface SignerFacts {
  id: string;
  displayName: string;
  kind: 'key' | 'identity';
  status: SignerStatus;
  scope: string[];
  expiresAt: string | null;
  statusReason: string | null;
}

/** The stored verification result of one signature, as far as trust needs it. */
export interface VerifiedFacts {
  status: SignatureStatus;
  reason: SignatureReason;
}

/** Entries that are not signatures, or notices about limits: listed, but never counted. */
const ignoredReasons: ReadonlySet<SignatureReason> = new Set(['not-a-signature', 'limit-exceeded']);

/** Results that mean "signed, by someone Assay has no record of". */
const unknownSignerReasons: ReadonlySet<SignatureReason> = new Set(['unknown-key', 'identity-mismatch']);

/** Plain-words headline of each non-valid reason; the stored reason text gives the details. */
const reasonHeadlines: Record<SignatureReason, string> = {
  ok: 'The signature is valid.',
  'digest-mismatch': 'Invalid: the signature was made for another image digest.',
  'bad-signature': 'Invalid: the signature does not match the signed content.',
  'unknown-key': 'Signed with a key that no signer record holds.',
  'malformed-payload': 'Invalid: the signature or its payload cannot be read.',
  'not-a-signature': 'Not an image signature; ignored.',
  'certificate-untrusted': 'Not verifiable: the certificate does not chain to a trusted authority.',
  'certificate-expired-at-signing': 'Invalid: the certificate was not valid when the image was signed.',
  'no-signing-time': 'Not verifiable: there is no verified signing time for the certificate.',
  'identity-mismatch': 'Signed by a certificate identity that no signer record holds.',
  unsupported: 'Not verifiable: Assay cannot check this kind of signature.',
  'too-large': 'Not verifiable: the signature is larger than the configured limit.',
  'limit-exceeded': 'More signatures exist than the configured limit; the rest were not read.',
};

/**
 * Checks whether a repository (`host/path`) lies under one of the scope's prefixes, comparing whole
 * path segments. An empty scope covers every repository.
 */
export function scopeCovers(scope: readonly string[], repository: string): boolean {
  if (scope.length === 0) return true;
  const target = repository.toLowerCase();
  return scope.some((prefix) => target === prefix || target.startsWith(`${prefix}/`));
}

export function isSignerExpired(signer: Pick<SignerFacts, 'expiresAt'>, now: Date): boolean {
  return signer.expiresAt !== null && Date.parse(signer.expiresAt) <= now.getTime();
}

/**
 * Combines a stored verification result with its signer's current record. `repository` is the
 * image's `host/path`, which the signer's scope must cover.
 */
export function trustStateOf(
  result: VerifiedFacts,
  signer: SignerFacts | undefined,
  repository: string,
  now: Date,
): { state: SignatureTrustState; text: string } {
  const headline = reasonHeadlines[result.reason];
  if (ignoredReasons.has(result.reason)) return { state: 'ignored', text: headline };
  if (result.status === 'invalid') return { state: 'invalid', text: headline };
  if (unknownSignerReasons.has(result.reason)) return { state: 'unknown-signer', text: headline };
  if (result.status === 'unverifiable') return { state: 'unverifiable', text: headline };

  if (signer === undefined) {
    return { state: 'unknown-signer', text: 'The signature is valid, but its signer has no record.' };
  }
  const name = signer.displayName;
  switch (signer.status) {
    case 'revoked':
      return {
        state: 'revoked',
        text: `Signed by ${name}, whose approval was revoked: ${signer.statusReason ?? 'no reason recorded'}`,
      };
    case 'pending':
      return { state: 'pending', text: `Signed by ${name}, who is waiting for an administrator's approval.` };
    case 'approved':
      if (isSignerExpired(signer, now)) {
        return {
          state: 'signer-expired',
          text: `Signed by ${name}, whose approval expired on ${signer.expiresAt}.`,
        };
      }
      if (!scopeCovers(signer.scope, repository)) {
        return {
          state: 'out-of-scope',
          text: `Signed by ${name}, who is approved only for ${signer.scope.join(', ')}, not for ${repository}.`,
        };
      }
      return { state: 'approved', text: `Signed by ${name}, an approved signer.` };
  }
}

const unapprovedStates: ReadonlySet<SignatureTrustState> = new Set([
  'pending',
  'revoked',
  'signer-expired',
  'out-of-scope',
  'unknown-signer',
]);

/**
 * Computes the badge of one digest from the trust states of the signatures that cover that exact digest.
 * Signatures on related manifests (platforms of an index) do not count, because they do not sign what
 * is pulled.
 */
export function signatureStateOf(states: readonly SignatureTrustState[]): SignatureState {
  if (states.includes('approved')) return 'approved';
  if (states.some((state) => unapprovedStates.has(state))) return 'unapproved';
  if (states.some((state) => state === 'invalid' || state === 'unverifiable')) return 'invalid';
  return 'unsigned';
}
