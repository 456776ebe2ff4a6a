import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const rejectedIssuers = [
  {
    case: 'a provider name',
    issuer: 'github',
    message:
      'issuer must be the OIDC issuer URL that Fulcio certificates carry, such as https://token.actions.githubusercontent.com',
  },
  {
    case: 'a host name without scheme',
    issuer: 'accounts.google.com',
    message: 'issuer must be a URL that starts with https://, such as https://accounts.google.com',
  },
  {
    case: 'an http URL',
    issuer: 'http://dex.lab.example.org/auth',
    message:
      'issuer must be an https URL, as OpenID Connect issuers are: use https://dex.lab.example.org/auth',
  },
  {
    case: 'an https URL with a query',
    issuer: 'https://issuer.example.org/?tenant=lab',
    message: 'issuer must be an https URL without query, fragment or user name',
  },
  {
    case: 'a lower-case distinguished name',
    issuer: 'cn=Lab signing CA',
    message: 'such as CN=Lab signing CA,O=Example',
  },
  { case: 'an empty value', issuer: '  ', message: 'issuer must not be empty' },
];

const acceptedIssuers = [
  { case: 'GitHub Actions', issuer: 'https://token.actions.githubusercontent.com' },
  // The issuer of the Fulcio test vector, read from its certificate extension 1.3.6.1.4.1.57264.1.1.
  { case: 'GitHub OAuth as in a real Fulcio certificate', issuer: 'https://github.com/login/oauth' },
  { case: 'an issuer with a port and path', issuer: 'https://keycloak.lab.example.org:8443/realms/lab' },
  // The issuer of the private-authority test vector, which has no Fulcio issuer extension.
  {
    case: 'a private authority distinguished name',
    issuer: 'CN=Linuxera Intermediate Certificate Authority,OU=Security,O=IT,L=Valencia,C=ES',
  },
];

describe.each(engineCases)('keyless signer issuer on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let counter = 0;

  async function addIdentity(issuer: string) {
    counter += 1;
    const response = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'identity',
        displayName: `Identity ${counter}`,
        san: `release-${counter}@lab.example.org`,
        issuer,
      }),
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

  it.skipIf(unavailable).each(rejectedIssuers)('rejects $case', async ({ issuer, message }) => {
    const response = await addIdentity(issuer);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
    expect(response.body.error.details).toHaveLength(1);
    expect(response.body.error.details?.[0]?.path).toBe('issuer');
    expect(response.body.error.details?.[0]?.message).toContain(message);
  });

  it.skipIf(unavailable).each(acceptedIssuers)('accepts $case', async ({ issuer }) => {
    const response = await addIdentity(issuer);

    expect(response.status).toBe(201);
    expect(response.body.identity?.issuer).toBe(issuer);
  });
});
