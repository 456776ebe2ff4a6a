import type { Verdict, VerdictReason, VerdictReasonSeverity, VersionVerdict } from '../contract/verdict.ts';
import { imageEvidence, policyEvidence } from './evidence.ts';
import type { VerdictInputs, VersionedPolicy } from './inputs.ts';
import { checkScan } from './scan-check.ts';
import { checkSignatures } from './signature-check.ts';
import { shortDigest } from './wording.ts';

const severityOrder: Record<VerdictReasonSeverity, number> = { fail: 0, warning: 1, info: 2, pass: 3 };

function unresolvedMessage(inputs: VerdictInputs): string {
  const { image } = inputs;
  const name = `${image.registry}/${image.repository}${image.tag ? `:${image.tag}` : ''}`;
  const detail = image.error ? `: ${image.error.replace(/\.$/, '')}` : '';
  switch (image.status) {
    case 'pending':
      return `The image ${name} has not been looked up in its registry yet, so there is no digest to verify.`;
    case 'registry-not-configured':
      return `The registry ${image.registry} is not configured in Assay, so ${name} has no digest to verify.`;
    case 'not-found':
      return `The image ${name} was not found in its registry${detail}.`;
    default:
      return `Looking up the image ${name} failed${detail}. There is no digest to verify.`;
  }
}

function sortReasons(reasons: VerdictReason[]): VerdictReason[] {
  // Array.prototype.sort is stable, so reasons of one severity keep the order they were found in.
  return [...reasons].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
}

/**
 * Computes the verdict of one plugin version from its inputs under one policy version, at `now`.
 * Pure: the same inputs, policy and time give the same verdict, so it can be recomputed on every read.
 *
 * - `untrusted`: the image is unresolved, the tag moved away from the registered digest, or no valid
 *   signature on the digest comes from a signer the policy counts.
 * - `warning`: a counted signature exists, but the scan is missing, unverified, too old, of unknown
 *   age, or lists findings the policy fails.
 * - `trusted`: otherwise.
 */
export function computeVerdict(inputs: VerdictInputs, policy: VersionedPolicy, now: Date): VersionVerdict {
  const { image, plugin, version } = inputs;
  const digest = image.registeredDigest ?? image.currentDigest;
  const reasons: VerdictReason[] = [];
  const boundaries: number[] = [];
  let verdict: Verdict;
  let scanStatus: VersionVerdict['scanStatus'] = 'not-applicable';

  if (digest === null) {
    reasons.push({
      code: 'image-unresolved',
      severity: 'fail',
      message: unresolvedMessage(inputs),
      evidence: imageEvidence(plugin, version, `${image.registry}/${image.repository}`),
    });
    verdict = 'untrusted';
  } else {
    const tagMoved =
      image.registeredDigest !== null &&
      image.currentDigest !== null &&
      image.registeredDigest !== image.currentDigest;
    if (tagMoved) {
      reasons.push({
        code: 'tag-moved',
        severity: 'fail',
        message: `The tag${image.tag ? ` ${image.tag}` : ''} now points to ${shortDigest(image.currentDigest ?? '')}, not to ${shortDigest(digest)}, the digest registered for this version.`,
        evidence: imageEvidence(plugin, version, image.currentDigest ?? digest),
      });
    }
    const signatures = checkSignatures(inputs, digest, policy, now);
    const scan = checkScan(inputs, digest, policy, now);
    reasons.push(...signatures.reasons, ...scan.reasons);
    boundaries.push(...signatures.boundaries, ...scan.boundaries);
    scanStatus = scan.status;
    if (tagMoved || !signatures.counts) verdict = 'untrusted';
    else if (!scan.passes) verdict = 'warning';
    else verdict = 'trusted';
  }

  const future = boundaries.filter((instant) => instant > now.getTime());
  const validUntil = future.length > 0 ? new Date(Math.min(...future)).toISOString() : undefined;

  return {
    plugin,
    version,
    ...(digest !== null ? { digest } : {}),
    verdict,
    policyVersion: policy.version,
    computedAt: now.toISOString(),
    ...(validUntil !== undefined ? { validUntil } : {}),
    scanStatus,
    // The policy version closes the list, so the first reason is always one about this image.
    reasons: [
      ...sortReasons(reasons),
      {
        code: 'policy-version',
        severity: 'info',
        message: `Judged with trust policy version ${policy.version}.`,
        evidence: policyEvidence(policy.version),
      },
    ],
  };
}
