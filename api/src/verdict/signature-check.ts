import type { SignatureTrustState } from '../contract/signature.ts';
import type { VerdictReason, VerdictReasonCode } from '../contract/verdict.ts';
import { trustStateOf, type SignerFacts } from '../signers/evaluate.ts';
import { signatureEvidence, signatureListEvidence, signerEvidence } from './evidence.ts';
import type { VerdictInputs, VerdictSignature, VersionedPolicy } from './inputs.ts';
import { formatDate, joinWords, shortDigest } from './wording.ts';

export interface SignatureOutcome {
  /** True when at least one valid signature comes from a signer the policy counts. */
  counts: boolean;
  reasons: VerdictReason[];
  /** Instants (ms) at which the outcome changes by itself: approvals that expire. */
  boundaries: number[];
}

interface Judged {
  entry: VerdictSignature;
  state: SignatureTrustState;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function counts(state: SignatureTrustState, policy: VersionedPolicy): boolean {
  return state === 'approved' || (state === 'out-of-scope' && policy.policy.signerRule === 'approved');
}

function scopeText(signer: SignerFacts, repository: string): string {
  if (signer.scope.length === 0) return 'approved for every repository';
  return `approved for ${joinWords(signer.scope)}, which covers ${repository}`;
}

function countingReason(
  judged: Judged,
  signer: SignerFacts,
  repository: string,
  boundaries: number[],
  now: Date,
): VerdictReason {
  const scope =
    judged.state === 'approved'
      ? scopeText(signer, repository)
      : `approved for ${joinWords(signer.scope)} only; this policy does not require the scope to cover ${repository}`;
  let message = `Signed by ${signer.displayName}, ${scope}.`;
  if (signer.expiresAt !== null) {
    message += ` The approval expires on ${formatDate(signer.expiresAt)}.`;
    const expiry = Date.parse(signer.expiresAt);
    if (expiry > now.getTime()) boundaries.push(expiry);
  }
  return { code: 'signed-by-approved', severity: 'pass', message, evidence: signerEvidence(signer.id) };
}

/** Describes a signature that does not count; returns undefined for entries that never count (ignored). */
function otherReason(
  judged: Judged,
  repository: string,
): { code: VerdictReasonCode; message: string; bySigner: boolean } | undefined {
  const { entry } = judged;
  const name = entry.signer?.displayName ?? 'an unknown signer';
  switch (judged.state) {
    case 'pending':
      return {
        code: 'signer-pending',
        message: `Signed by ${name}, who is waiting for an administrator's approval, so the signature does not count.`,
        bySigner: true,
      };
    case 'revoked':
      return {
        code: 'signer-revoked',
        message: sentence(
          `Signed by ${name}, whose approval was revoked: ${entry.signer?.statusReason ?? 'no reason was recorded'}`,
        ),
        bySigner: true,
      };
    case 'signer-expired':
      return {
        code: 'signer-expired',
        message: `Signed by ${name}, whose approval expired on ${formatDate(entry.signer?.expiresAt ?? '')}.`,
        bySigner: true,
      };
    case 'out-of-scope':
      return {
        code: 'signer-out-of-scope',
        message: `Signed by ${name}, who is approved only for ${joinWords(entry.signer?.scope ?? [])}, not for ${repository}.`,
        bySigner: true,
      };
    case 'unknown-signer':
      return {
        code: 'signer-unknown',
        message:
          entry.reason === 'identity-mismatch'
            ? 'Signed by a certificate identity that no signer record holds; an administrator can add it as a signer.'
            : 'Signed with a key that no signer record holds; an administrator can add it as a signer.',
        bySigner: false,
      };
    case 'invalid':
      return {
        code: 'signature-invalid',
        message: sentence(`A signature failed verification: ${entry.reasonText}`),
        bySigner: false,
      };
    case 'unverifiable':
      return {
        code: 'signature-unverifiable',
        message: sentence(`A signature could not be verified: ${entry.reasonText}`),
        bySigner: false,
      };
    case 'approved':
    case 'ignored':
      return undefined;
  }
}

/**
 * Judges the signatures on the digest under the policy's signer rule. Only a valid signature from an
 * approved, unexpired signer counts, and it must be within the signer's scope unless the rule ignores
 * scope. Every other signature is listed: as a failure when nothing counts, else as information.
 */
export function checkSignatures(
  inputs: VerdictInputs,
  digest: string,
  policy: VersionedPolicy,
  now: Date,
): SignatureOutcome {
  const { plugin, version, signatures } = inputs;
  const repository = `${inputs.image.registry}/${inputs.image.repository}`;
  const reasons: VerdictReason[] = [];
  const boundaries: number[] = [];

  if (signatures.entries.length === 0 && (!signatures.checked || signatures.error !== null)) {
    reasons.push(
      signatures.error !== null
        ? {
            code: 'signature-check-failed',
            severity: 'fail',
            message: sentence(
              `Looking up the signatures of ${shortDigest(digest)} failed: ${signatures.error}`,
            ),
            evidence: signatureListEvidence(plugin, version, digest),
          }
        : {
            code: 'signatures-not-checked',
            severity: 'fail',
            message: `The signatures of ${shortDigest(digest)} have not been looked up yet.`,
            evidence: signatureListEvidence(plugin, version, digest),
          },
    );
    return { counts: false, reasons, boundaries };
  }

  const judged: Judged[] = signatures.entries
    .map((entry) => ({
      entry,
      state: trustStateOf({ status: entry.status, reason: entry.reason }, entry.signer, repository, now)
        .state,
    }))
    .filter((item) => item.state !== 'ignored');
  const anyCounts = judged.some((item) => counts(item.state, policy));

  // One reason per signer and state: a signer who signed twice is named once.
  const seen = new Set<string>();
  for (const item of judged) {
    const key = `${item.state}|${item.entry.signer?.id ?? item.entry.id}`;
    if (seen.has(key)) continue;
    seen.add(key);

    if (counts(item.state, policy) && item.entry.signer !== undefined) {
      reasons.push(countingReason(item, item.entry.signer, repository, boundaries, now));
      continue;
    }
    const other = otherReason(item, repository);
    if (other === undefined) continue;
    reasons.push({
      code: other.code,
      severity: anyCounts ? 'info' : 'fail',
      message: other.message,
      evidence:
        other.bySigner && item.entry.signer !== undefined
          ? signerEvidence(item.entry.signer.id)
          : signatureEvidence(plugin, version, item.entry.id),
    });
  }

  if (judged.length === 0) {
    reasons.push({
      code: 'unsigned',
      severity: 'fail',
      message: `No signature was found on ${shortDigest(digest)}.`,
      evidence: signatureListEvidence(plugin, version, digest),
    });
  } else if (signatures.error !== null) {
    reasons.push({
      code: 'signature-check-failed',
      severity: 'info',
      message: sentence(
        `The last signature lookup failed, so these results come from an earlier one: ${signatures.error}`,
      ),
      evidence: signatureListEvidence(plugin, version, digest),
    });
  }
  return { counts: anyCounts, reasons, boundaries };
}
