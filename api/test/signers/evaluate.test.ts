import { describe, expect, test } from 'vitest';
import type { SignatureReason, SignatureStatus, SignatureTrustState } from '../../src/contract/signature.ts';
import { scopeCovers, signatureStateOf, trustStateOf, type SignerFacts } from '../../src/signers/evaluate.ts';

const now = new Date('2025-06-01T00:00:00Z');
const repository = 'docker.io/polusai/nyxus-tool';

function signer(overrides: Partial<SignerFacts> = {}): SignerFacts {
  return {
    id: 'signer-1',
    displayName: 'Release key',
    kind: 'key',
    status: 'approved',
    scope: [],
    expiresAt: null,
    statusReason: null,
    ...overrides,
  };
}

const valid = { status: 'valid' as SignatureStatus, reason: 'ok' as SignatureReason };

describe('trust state of a signature', () => {
  const cases: {
    case: string;
    result: typeof valid;
    signer: SignerFacts | undefined;
    state: SignatureTrustState;
  }[] = [
    { case: 'approved signer', result: valid, signer: signer(), state: 'approved' },
    { case: 'pending signer', result: valid, signer: signer({ status: 'pending' }), state: 'pending' },
    {
      case: 'revoked signer',
      result: valid,
      signer: signer({ status: 'revoked', statusReason: 'lost' }),
      state: 'revoked',
    },
    {
      case: 'expired approval',
      result: valid,
      signer: signer({ expiresAt: '2025-05-31T23:59:59Z' }),
      state: 'signer-expired',
    },
    {
      case: 'approval expiring later',
      result: valid,
      signer: signer({ expiresAt: '2025-06-02T00:00:00Z' }),
      state: 'approved',
    },
    {
      case: 'scope covering the repository',
      result: valid,
      signer: signer({ scope: ['docker.io/polusai'] }),
      state: 'approved',
    },
    {
      case: 'scope of another namespace',
      result: valid,
      signer: signer({ scope: ['docker.io/labshare'] }),
      state: 'out-of-scope',
    },
    { case: 'valid without a signer record', result: valid, signer: undefined, state: 'unknown-signer' },
    {
      case: 'digest mismatch',
      result: { status: 'invalid', reason: 'digest-mismatch' },
      signer: signer(),
      state: 'invalid',
    },
    {
      case: 'bad signature',
      result: { status: 'invalid', reason: 'bad-signature' },
      signer: undefined,
      state: 'invalid',
    },
    {
      case: 'unknown key',
      result: { status: 'unverifiable', reason: 'unknown-key' },
      signer: undefined,
      state: 'unknown-signer',
    },
    {
      case: 'unknown identity',
      result: { status: 'unverifiable', reason: 'identity-mismatch' },
      signer: undefined,
      state: 'unknown-signer',
    },
    {
      case: 'untrusted certificate',
      result: { status: 'unverifiable', reason: 'certificate-untrusted' },
      signer: undefined,
      state: 'unverifiable',
    },
    {
      case: 'no signing time',
      result: { status: 'unverifiable', reason: 'no-signing-time' },
      signer: undefined,
      state: 'unverifiable',
    },
    {
      case: 'other attachment',
      result: { status: 'invalid', reason: 'not-a-signature' },
      signer: undefined,
      state: 'ignored',
    },
    {
      case: 'limit notice',
      result: { status: 'unverifiable', reason: 'limit-exceeded' },
      signer: undefined,
      state: 'ignored',
    },
  ];

  test.each(cases)('$case is $state', ({ result, signer: facts, state }) => {
    expect(trustStateOf(result, facts, repository, now).state).toBe(state);
  });

  test('revoked text gives the reason', () => {
    const { text } = trustStateOf(
      valid,
      signer({ status: 'revoked', statusReason: 'Key leaked' }),
      repository,
      now,
    );

    expect(text).toContain('Key leaked');
    expect(text).toContain('Release key');
  });

  test('out-of-scope text names the scope and the repository', () => {
    const { text } = trustStateOf(valid, signer({ scope: ['ghcr.io/lab'] }), repository, now);

    expect(text).toContain('ghcr.io/lab');
    expect(text).toContain(repository);
  });
});

describe('repository scope', () => {
  const cases: { scope: string[]; repository: string; covers: boolean }[] = [
    { scope: [], repository: 'docker.io/anything', covers: true },
    { scope: ['docker.io/polusai'], repository: 'docker.io/polusai/nyxus-tool', covers: true },
    { scope: ['docker.io/polusai'], repository: 'docker.io/polusai', covers: true },
    { scope: ['docker.io/polusai'], repository: 'docker.io/polusai-fork/nyxus-tool', covers: false },
    { scope: ['docker.io/polusai/nyxus'], repository: 'docker.io/polusai/nyxus-tool', covers: false },
    { scope: ['docker.io'], repository: 'docker.io/polusai/nyxus-tool', covers: true },
    { scope: ['docker.io'], repository: 'docker.iox/polusai/nyxus-tool', covers: false },
    { scope: ['ghcr.io/lab', 'docker.io/polusai'], repository: 'docker.io/polusai/x', covers: true },
    { scope: ['docker.io/polusai'], repository: 'Docker.io/PolusAI/x', covers: true },
  ];

  test.each(cases)('$scope covers $repository: $covers', ({ scope, repository: target, covers }) => {
    expect(scopeCovers(scope, target)).toBe(covers);
  });
});

describe('signature badge of a digest', () => {
  const cases: { states: SignatureTrustState[]; badge: string }[] = [
    { states: [], badge: 'unsigned' },
    { states: ['ignored'], badge: 'unsigned' },
    { states: ['approved'], badge: 'approved' },
    { states: ['invalid', 'approved'], badge: 'approved' },
    { states: ['pending'], badge: 'unapproved' },
    { states: ['revoked', 'invalid'], badge: 'unapproved' },
    { states: ['out-of-scope'], badge: 'unapproved' },
    { states: ['signer-expired'], badge: 'unapproved' },
    { states: ['unknown-signer'], badge: 'unapproved' },
    { states: ['invalid'], badge: 'invalid' },
    { states: ['unverifiable', 'ignored'], badge: 'invalid' },
  ];

  test.each(cases)('$states gives $badge', ({ states, badge }) => {
    expect(signatureStateOf(states)).toBe(badge);
  });
});
