import type { VerdictReason, VerdictReasonCode, VerdictReasonSeverity } from '@assay/api/contract';
import { describe, expect, it } from 'vitest';
import { verdictDescriptions } from '@/components/verdict-badge';
import { verdictSummary } from './verdict-summary';

function reason(code: VerdictReasonCode, severity: VerdictReasonSeverity): VerdictReason {
  return { code, severity, message: `${code} message`, evidence: { kind: 'scan', href: '/', id: code } };
}

const signed = reason('signed-by-approved', 'pass');
const policy = reason('policy-version', 'info');

describe('verdictSummary', () => {
  it.each([
    {
      name: 'a missing scan',
      reasons: [reason('scan-missing', 'warning')],
      expected: 'Signed by an approved signer, but no vulnerability scan exists for this image.',
    },
    {
      name: 'a stale scan',
      reasons: [reason('scan-stale', 'warning')],
      expected: 'Signed by an approved signer, but the scan is older than the policy allows.',
    },
    {
      name: 'failing findings',
      reasons: [reason('findings-fail-policy', 'warning'), reason('exception-applied', 'info')],
      expected: 'Signed by an approved signer, but the scan lists findings that fail the policy.',
    },
    {
      name: 'a stale scan with failing findings',
      reasons: [reason('scan-stale', 'warning'), reason('findings-fail-policy', 'warning')],
      expected:
        'Signed by an approved signer, but the scan is older than the policy allows and the scan lists findings that fail the policy.',
    },
    {
      name: 'an unverified attestation',
      reasons: [reason('scan-unverified', 'warning')],
      expected:
        'Signed by an approved signer, but the only scan report is an attestation that no approved signer vouches for.',
    },
    {
      name: 'a scan without a time',
      reasons: [reason('scan-age-unknown', 'warning')],
      expected: 'Signed by an approved signer, but the scan report does not say when the scan ran.',
    },
  ])('names $name in a warning', ({ reasons, expected }) => {
    expect(verdictSummary({ verdict: 'warning', reasons: [...reasons, signed, policy] })).toBe(expected);
  });

  it.each([
    {
      name: 'a moved tag',
      reasons: [reason('tag-moved', 'fail'), signed],
      expected: 'The tag moved away from the digest registered for this version.',
    },
    {
      name: 'signatures by pending and revoked signers',
      reasons: [reason('signer-pending', 'fail'), reason('signer-revoked', 'fail')],
      expected: 'No signature from an approved signer counts for this digest.',
    },
    {
      name: 'an unsigned image',
      reasons: [reason('unsigned', 'fail'), reason('scan-passed', 'pass')],
      expected: 'No signature was found on the digest.',
    },
    {
      name: 'an unresolved image',
      reasons: [reason('image-unresolved', 'fail')],
      expected: 'The image has no known digest to verify.',
    },
  ])('names $name in an untrusted verdict', ({ reasons, expected }) => {
    expect(verdictSummary({ verdict: 'untrusted', reasons: [...reasons, policy] })).toBe(expected);
  });

  it('falls back to the general description when no reason explains the verdict', () => {
    expect(verdictSummary({ verdict: 'warning', reasons: [signed, policy] })).toBe(
      verdictDescriptions.warning,
    );
  });
});
