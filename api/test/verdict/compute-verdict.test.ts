import { describe, expect, it } from 'vitest';
import type { PolicyException } from '../../src/contract/policy.ts';
import type { Verdict, VerdictReasonCode } from '../../src/contract/verdict.ts';
import { computeVerdict } from '../../src/verdict/compute.ts';
import type { VerdictInputs, VersionedPolicy } from '../../src/verdict/inputs.ts';
import {
  daysAgo,
  daysAhead,
  digest,
  finding,
  inputs,
  now,
  otherDigest,
  policy,
  scan,
  signature,
  signer,
} from './verdict-inputs.ts';

function exception(overrides: Partial<PolicyException> = {}): PolicyException {
  return {
    vulnerabilityId: 'CVE-2024-3094',
    justification: 'xz-utils is not on the execution path of the plugin.',
    expiresAt: daysAhead(30),
    repositories: [],
    addedBy: 'alice',
    addedAt: daysAgo(1),
    ...overrides,
  };
}

interface Case {
  name: string;
  inputs: VerdictInputs;
  policy?: VersionedPolicy;
  verdict: Verdict;
  /** The reason that decides the verdict: the first one listed. */
  first: VerdictReasonCode;
  /** Further codes that must appear. */
  includes?: VerdictReasonCode[];
}

const cases: Case[] = [
  {
    name: 'approved in-scope signer and a clean fresh scan',
    inputs: inputs(),
    verdict: 'trusted',
    first: 'signed-by-approved',
    includes: ['scan-passed', 'policy-version'],
  },
  {
    name: 'image not looked up yet',
    inputs: inputs({ image: { status: 'pending', registeredDigest: null, currentDigest: null } }),
    verdict: 'untrusted',
    first: 'image-unresolved',
  },
  {
    name: 'registry not configured',
    inputs: inputs({
      image: { status: 'registry-not-configured', registeredDigest: null, currentDigest: null },
    }),
    verdict: 'untrusted',
    first: 'image-unresolved',
  },
  {
    name: 'tag moved away from the registered digest',
    inputs: inputs({ image: { currentDigest: otherDigest } }),
    verdict: 'untrusted',
    first: 'tag-moved',
    includes: ['signed-by-approved', 'scan-passed'],
  },
  {
    name: 'signatures not looked up yet',
    inputs: inputs({ signatures: { checked: false, entries: [] } }),
    verdict: 'untrusted',
    first: 'signatures-not-checked',
  },
  {
    name: 'signature lookup failed',
    inputs: inputs({ signatures: { error: 'registry timed out', entries: [] } }),
    verdict: 'untrusted',
    first: 'signature-check-failed',
  },
  {
    name: 'unsigned',
    inputs: inputs({ signatures: { entries: [] } }),
    verdict: 'untrusted',
    first: 'unsigned',
  },
  {
    name: 'only a pending signer',
    inputs: inputs({ signatures: { entries: [signature({ signer: signer({ status: 'pending' }) })] } }),
    verdict: 'untrusted',
    first: 'signer-pending',
  },
  {
    name: 'only a revoked signer',
    inputs: inputs({
      signatures: {
        entries: [signature({ signer: signer({ status: 'revoked', statusReason: 'Key leaked' }) })],
      },
    }),
    verdict: 'untrusted',
    first: 'signer-revoked',
  },
  {
    name: 'only an unknown key',
    inputs: inputs({
      signatures: {
        entries: [signature({ status: 'unverifiable', reason: 'unknown-key', signer: undefined })],
      },
    }),
    verdict: 'untrusted',
    first: 'signer-unknown',
  },
  {
    name: 'only an unknown certificate identity',
    inputs: inputs({
      signatures: {
        entries: [signature({ status: 'unverifiable', reason: 'identity-mismatch', signer: undefined })],
      },
    }),
    verdict: 'untrusted',
    first: 'signer-unknown',
  },
  {
    name: 'approval expired',
    inputs: inputs({ signatures: { entries: [signature({ signer: signer({ expiresAt: daysAgo(1) }) })] } }),
    verdict: 'untrusted',
    first: 'signer-expired',
  },
  {
    name: 'signer scoped to another namespace',
    inputs: inputs({
      signatures: { entries: [signature({ signer: signer({ scope: ['docker.io/wipp'] }) })] },
    }),
    verdict: 'untrusted',
    first: 'signer-out-of-scope',
  },
  {
    name: 'out-of-scope signer under the approved-anywhere rule',
    inputs: inputs({
      signatures: { entries: [signature({ signer: signer({ scope: ['docker.io/wipp'] }) })] },
    }),
    policy: policy({ signerRule: 'approved' }),
    verdict: 'trusted',
    first: 'signed-by-approved',
  },
  {
    name: 'scope that only shares a name prefix',
    inputs: inputs({
      signatures: { entries: [signature({ signer: signer({ scope: ['docker.io/polus'] }) })] },
    }),
    verdict: 'untrusted',
    first: 'signer-out-of-scope',
  },
  {
    name: 'signature for another digest',
    inputs: inputs({
      signatures: {
        entries: [
          signature({
            status: 'invalid',
            reason: 'digest-mismatch',
            reasonText: 'The payload names sha256:bbbb.',
          }),
        ],
      },
    }),
    verdict: 'untrusted',
    first: 'signature-invalid',
  },
  {
    name: 'certificate from an untrusted authority',
    inputs: inputs({
      signatures: {
        entries: [
          signature({
            status: 'unverifiable',
            reason: 'certificate-untrusted',
            reasonText: 'The certificate does not chain to a trusted authority.',
            signer: undefined,
          }),
        ],
      },
    }),
    verdict: 'untrusted',
    first: 'signature-unverifiable',
  },
  {
    name: 'approved and revoked signers together',
    inputs: inputs({
      signatures: {
        entries: [
          signature(),
          signature({
            signer: signer({
              id: 'former',
              displayName: 'Former key',
              status: 'revoked',
              statusReason: 'Left',
            }),
          }),
        ],
      },
    }),
    verdict: 'trusted',
    first: 'signer-revoked',
    includes: ['signed-by-approved', 'scan-passed'],
  },
  {
    name: 'ignored attachment next to an approved signature',
    inputs: inputs({
      signatures: {
        entries: [
          signature(),
          signature({ status: 'unverifiable', reason: 'not-a-signature', signer: undefined }),
        ],
      },
    }),
    verdict: 'trusted',
    first: 'signed-by-approved',
  },
  {
    name: 'no scan',
    inputs: inputs({ scan: undefined }),
    verdict: 'warning',
    first: 'scan-missing',
  },
  {
    name: 'scan older than the maximum age',
    inputs: inputs({ scan: scan({ generatedAt: daysAgo(8) }) }),
    verdict: 'warning',
    first: 'scan-stale',
  },
  {
    name: 'scan exactly at the maximum age',
    inputs: inputs({ scan: scan({ generatedAt: daysAgo(7) }) }),
    verdict: 'trusted',
    first: 'signed-by-approved',
  },
  {
    name: 'scan without a generation time',
    inputs: inputs({ scan: scan({ generatedAt: null }) }),
    verdict: 'warning',
    first: 'scan-age-unknown',
  },
  {
    name: 'attestation whose signature did not verify',
    inputs: inputs({
      scan: scan({ source: 'attestation', verified: false, verificationText: 'Signed with an unknown key.' }),
    }),
    verdict: 'warning',
    first: 'scan-unverified',
  },
  {
    name: 'attestation by an approved signer',
    inputs: inputs({ scan: scan({ source: 'attestation', signerRef: 'key-1', signer: signer() }) }),
    verdict: 'trusted',
    first: 'signed-by-approved',
    includes: ['scan-passed'],
  },
  {
    name: 'attestation by a pending signer',
    inputs: inputs({
      scan: scan({ source: 'attestation', signerRef: 'key-1', signer: signer({ status: 'pending' }) }),
    }),
    verdict: 'warning',
    first: 'scan-unverified',
  },
  {
    name: 'attestation by a key without a signer record',
    inputs: inputs({ scan: scan({ source: 'attestation', signerRef: 'key-1' }) }),
    verdict: 'warning',
    first: 'scan-unverified',
  },
  {
    name: 'critical finding with a fix',
    inputs: inputs({ scan: scan({ findings: [finding()] }) }),
    verdict: 'warning',
    first: 'findings-fail-policy',
  },
  {
    name: 'critical finding without a fix',
    inputs: inputs({ scan: scan({ findings: [finding({ fixable: false })] }) }),
    verdict: 'trusted',
    first: 'signed-by-approved',
    includes: ['scan-passed'],
  },
  {
    name: 'critical finding without a fix when every finding counts',
    inputs: inputs({ scan: scan({ findings: [finding({ fixable: false })] }) }),
    policy: policy({ fixableOnly: false }),
    verdict: 'warning',
    first: 'findings-fail-policy',
  },
  {
    name: 'high finding under the default policy',
    inputs: inputs({ scan: scan({ findings: [finding({ severity: 'high' })] }) }),
    verdict: 'trusted',
    first: 'signed-by-approved',
  },
  {
    name: 'high finding when high fails too',
    inputs: inputs({ scan: scan({ findings: [finding({ severity: 'high' })] }) }),
    policy: policy({ failSeverities: ['critical', 'high'] }),
    verdict: 'warning',
    first: 'findings-fail-policy',
  },
  {
    name: 'critical finding when no severity fails',
    inputs: inputs({ scan: scan({ findings: [finding()] }) }),
    policy: policy({ failSeverities: [] }),
    verdict: 'trusted',
    first: 'signed-by-approved',
  },
  {
    name: 'critical finding under an unexpired exception',
    inputs: inputs({ scan: scan({ findings: [finding()] }) }),
    policy: policy({ exceptions: [exception()] }),
    verdict: 'trusted',
    first: 'exception-applied',
    includes: ['scan-passed'],
  },
  {
    name: 'exception that matches an alias',
    inputs: inputs({
      scan: scan({
        findings: [finding({ vulnerabilityId: 'CVE-2024-3094', aliases: ['GHSA-rxwq-x6h5-x525'] })],
      }),
    }),
    policy: policy({ exceptions: [exception({ vulnerabilityId: 'GHSA-rxwq-x6h5-x525' })] }),
    verdict: 'trusted',
    first: 'exception-applied',
  },
  {
    name: 'exception that has expired',
    inputs: inputs({ scan: scan({ findings: [finding()] }) }),
    policy: policy({ exceptions: [exception({ expiresAt: daysAgo(1) })] }),
    verdict: 'warning',
    first: 'findings-fail-policy',
    includes: ['exception-expired'],
  },
  {
    name: 'exception limited to another repository',
    inputs: inputs({ scan: scan({ findings: [finding()] }) }),
    policy: policy({ exceptions: [exception({ repositories: ['docker.io/wipp'] })] }),
    verdict: 'warning',
    first: 'findings-fail-policy',
  },
  {
    name: 'unsigned image with failing findings',
    inputs: inputs({ signatures: { entries: [] }, scan: scan({ findings: [finding()] }) }),
    verdict: 'untrusted',
    first: 'unsigned',
    includes: ['findings-fail-policy'],
  },
];

describe('computeVerdict', () => {
  it.each(cases)('$name: $verdict', (testCase) => {
    const result = computeVerdict(testCase.inputs, testCase.policy ?? policy(), now);

    expect(result.verdict).toBe(testCase.verdict);
    expect(result.reasons[0]?.code).toBe(testCase.first);
    const codes = result.reasons.map((reason) => reason.code);
    for (const code of testCase.includes ?? []) expect(codes).toContain(code);
  });

  it('lists failing reasons before warnings, information and met conditions', () => {
    const result = computeVerdict(
      inputs({
        image: { currentDigest: otherDigest },
        scan: scan({ findings: [finding()] }),
      }),
      policy(),
      now,
    );

    const order = ['fail', 'warning', 'info', 'pass'];
    const ranks = result.reasons.slice(0, -1).map((reason) => order.indexOf(reason.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('names the policy version it used in the last reason', () => {
    const result = computeVerdict(inputs(), policy({}, 4), now);

    expect(result.policyVersion).toBe(4);
    expect(result.reasons.at(-1)?.evidence).toEqual({
      kind: 'policy',
      href: '/policy?version=4',
      id: '4',
    });
  });

  it('judges the registered digest and links each reason to its evidence', () => {
    const entry = signature({ status: 'invalid', reason: 'bad-signature', reasonText: 'Bad signature.' });
    const result = computeVerdict(
      inputs({ signatures: { entries: [signature(), entry] }, scan: scan({ reportId: 'report-9' }) }),
      policy(),
      now,
    );

    expect(result.digest).toBe(digest);
    const byCode = new Map(result.reasons.map((reason) => [reason.code, reason.evidence]));
    expect(byCode.get('signed-by-approved')).toEqual({
      kind: 'signer',
      href: '/signers/signer-release',
      id: 'signer-release',
    });
    expect(byCode.get('signature-invalid')).toEqual({
      kind: 'signature',
      href: `/plugins/apply-flatfield/versions/2.0.1#signature-${entry.id}`,
      id: entry.id,
    });
    expect(byCode.get('scan-passed')).toEqual({
      kind: 'scan',
      href: '/plugins/apply-flatfield/versions/2.0.1#vulnerabilities',
      id: 'report-9',
    });
  });

  it('names one reason per signer that signed twice', () => {
    const result = computeVerdict(
      inputs({ signatures: { entries: [signature(), signature()] } }),
      policy(),
      now,
    );

    expect(result.reasons.filter((reason) => reason.code === 'signed-by-approved')).toHaveLength(1);
  });

  it('shows an accepted exception with its justification and expiry', () => {
    const result = computeVerdict(
      inputs({ scan: scan({ findings: [finding()] }) }),
      policy({ exceptions: [exception({ expiresAt: '2026-04-01T00:00:00Z' })] }),
      now,
    );

    const reason = result.reasons.find((item) => item.code === 'exception-applied');
    expect(reason?.message).toContain('CVE-2024-3094');
    expect(reason?.message).toContain('until 2026-04-01');
    expect(reason?.message).toContain('xz-utils is not on the execution path');
    expect(reason?.evidence.href).toBe('/policy?version=1#exception-CVE-2024-3094');
  });

  it('names the failing findings in the warning', () => {
    const findings = [
      finding(),
      finding({ vulnerabilityId: 'CVE-2023-4863', package: 'libwebp' }),
      finding({ vulnerabilityId: 'CVE-2023-38545', package: 'curl' }),
      finding({ vulnerabilityId: 'CVE-2023-44487', package: 'nghttp2' }),
    ];
    const result = computeVerdict(inputs({ scan: scan({ findings }) }), policy(), now);

    const message = result.reasons[0]?.message ?? '';
    expect(message).toMatch(/^4 findings fail the policy, which counts critical findings that have a fix/);
    expect(message).toContain('CVE-2023-4863 (critical) in libwebp');
    expect(message).toContain('and 1 more');
  });

  it.each([
    {
      name: 'the scan ageing out',
      changes: { scan: scan({ generatedAt: '2026-03-05T00:00:00Z' }) },
      exceptions: [],
      until: '2026-03-12T00:00:00.001Z',
    },
    {
      name: 'an exception expiring',
      changes: { scan: scan({ findings: [finding()] }) },
      exceptions: [exception({ expiresAt: '2026-03-11T00:00:00Z' })],
      until: '2026-03-11T00:00:00.000Z',
    },
    {
      name: 'an approval expiring',
      changes: {
        signatures: { entries: [signature({ signer: signer({ expiresAt: '2026-03-10T18:00:00Z' }) })] },
      },
      exceptions: [],
      until: '2026-03-10T18:00:00.000Z',
    },
    {
      name: "an attestation signer's approval expiring",
      changes: {
        scan: scan({
          source: 'attestation',
          signerRef: 'key-1',
          signer: signer({ expiresAt: '2026-03-10T20:00:00Z' }),
        }),
      },
      exceptions: [],
      until: '2026-03-10T20:00:00.000Z',
    },
  ])('is valid until $name', ({ changes, exceptions, until }) => {
    const testInputs = inputs(changes);
    const testPolicy = policy({ exceptions });

    const result = computeVerdict(testInputs, testPolicy, now);
    const later = computeVerdict(testInputs, testPolicy, new Date(Date.parse(until) + 1));

    expect(result.validUntil).toBe(until);
    expect(result.verdict).not.toBe(later.verdict);
  });

  it('has no end of validity when no input ages', () => {
    const result = computeVerdict(inputs({ scan: undefined }), policy(), now);

    expect(result.validUntil).toBeUndefined();
  });
});
