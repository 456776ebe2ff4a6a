import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const issuer = 'https://token.actions.githubusercontent.com';
const workflowSan = 'https://github.com/polusai/image-tools/.github/workflows/release.yml@refs/heads/main';

const rejected = [
  { case: 'a SAN that is only "*"', san: '*', issuer, path: 'san', message: 'san must not contain "*"' },
  { case: 'a SAN that is ".*"', san: '.*', issuer, path: 'san', message: 'san must not contain "*"' },
  {
    case: 'a SAN with a "*" for the domain part',
    san: '*@lab.example.org',
    issuer,
    path: 'san',
    message: 'Assay matches the SAN exactly',
  },
  {
    case: 'a SAN with a "?"',
    san: 'https://github.com/lab/repo/.github/workflows/release.yml@refs/tags/v?',
    issuer,
    path: 'san',
    message: 'san must not contain "?"',
  },
  {
    case: 'a SAN with a zero width space',
    san: 'release\u200b@lab.example.org',
    issuer,
    path: 'san',
    message: 'san must not contain U+200B ZERO WIDTH SPACE',
  },
  {
    case: 'an issuer with a "*"',
    san: 'release@lab.example.org',
    issuer: 'https://*.example.org',
    path: 'issuer',
    message: 'issuer must not contain "*": Assay matches the issuer exactly',
  },
  {
    case: 'an issuer that ends in "?"',
    san: 'release@lab.example.org',
    issuer: 'https://issuer.example.org/?',
    path: 'issuer',
    message: 'issuer must not contain "?"',
  },
];

describe.each(engineCases)('keyless signer input on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let counter = 0;

  async function addIdentity(body: Record<string, unknown>) {
    counter += 1;
    const response = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({ kind: 'identity', displayName: `Identity ${counter}`, ...body }),
    });
    return { status: response.status, body: (await response.json()) as ErrorBody & Signer };
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable).each(rejected)('rejects $case', async ({ san, issuer, path, message }) => {
    const response = await addIdentity({ san, issuer });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.map((detail) => detail.path)).toEqual([path]);
    expect(response.body.error.details?.[0]?.message).toContain(message);
  });

  it.skipIf(unavailable)('accepts a workflow SAN with dots, slashes and "@"', async () => {
    const response = await addIdentity({ san: workflowSan, issuer });

    expect(response.status).toBe(201);
    expect(response.body.identity).toEqual({ san: workflowSan, issuer });
  });

  it.skipIf(unavailable).each([
    { case: 'a right-to-left override', displayName: 'Release \u202ekey' },
    { case: 'only zero width spaces', displayName: '\u200b\u200b' },
  ])('rejects a signer display name with $case', async ({ displayName }) => {
    const response = await addIdentity({ displayName, san: 'names@lab.example.org', issuer });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.path).toBe('displayName');
    expect(response.body.error.details?.[0]?.message).toMatch(/^displayName must not contain U\+/);
  });

  it.skipIf(unavailable)('rejects a revoke reason that reverses the text after it', async () => {
    const signer = await addIdentity({ san: 'revoke@lab.example.org', issuer });

    const response = await admin.fetch(`/api/v1/signers/${signer.body.id}/revoke`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Key lost \u202eon Monday' }),
    });
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.error.details?.[0]?.message).toContain('reason has a U+202E RIGHT-TO-LEFT OVERRIDE');
  });
});
