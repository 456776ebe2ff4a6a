import type { VerdictReason, VerdictReasonCode, VersionVerdict } from '@assay/api/contract';
import { verdictDescriptions } from '@/components/verdict-badge';

/** The clause that each reason capping a verdict at `warning` adds to the summary. */
const warningClauses: Partial<Record<VerdictReasonCode, string>> = {
  'scan-missing': 'no vulnerability scan exists for this image',
  'scan-unverified': 'the only scan report is an attestation that no approved signer vouches for',
  'scan-stale': 'the scan is older than the policy allows',
  'scan-age-unknown': 'the scan report does not say when the scan ran',
  'findings-fail-policy': 'the scan lists findings that fail the policy',
};

/** The clause that each reason making a verdict `untrusted` adds to the summary. */
const failClauses: Partial<Record<VerdictReasonCode, string>> = {
  'image-unresolved': 'the image has no known digest to verify',
  'tag-moved': 'the tag moved away from the digest registered for this version',
  'signatures-not-checked': 'the signatures of the digest have not been looked up yet',
  'signature-check-failed': 'looking up the signatures of the digest failed',
  unsigned: 'no signature was found on the digest',
};

// Every signature-level failure (pending, revoked, expired, out-of-scope or unknown signer, invalid
// signature) means the same for the summary; the reason list names the signer.
const noCountingSignature = 'no signature from an approved signer counts for this digest';

function joinClauses(clauses: readonly string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}

function clausesOf(reasons: readonly VerdictReason[], severity: 'warning' | 'fail'): string[] {
  const clauses: string[] = [];
  for (const reason of reasons) {
    if (reason.severity !== severity) continue;
    const clause =
      severity === 'warning'
        ? warningClauses[reason.code]
        : (failClauses[reason.code] ?? noCountingSignature);
    if (clause !== undefined && !clauses.includes(clause)) clauses.push(clause);
  }
  return clauses;
}

/**
 * Summarises a version's verdict in one sentence that names the conditions that apply, such as "Signed by
 * an approved signer, but the scan is older than the policy allows." A verdict whose reasons this
 * client does not know gets the general description of its verdict.
 */
export function verdictSummary(verdict: Pick<VersionVerdict, 'verdict' | 'reasons'>): string {
  switch (verdict.verdict) {
    case 'trusted':
      return verdictDescriptions.trusted;
    case 'warning': {
      const clauses = clausesOf(verdict.reasons, 'warning');
      return clauses.length === 0
        ? verdictDescriptions.warning
        : `Signed by an approved signer, but ${joinClauses(clauses)}.`;
    }
    case 'untrusted': {
      const clauses = clausesOf(verdict.reasons, 'fail');
      if (clauses.length === 0) return verdictDescriptions.untrusted;
      const sentence = joinClauses(clauses);
      return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
    }
  }
}
