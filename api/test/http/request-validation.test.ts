import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const catalogParameters =
  'q, inputType, outputType, institution, author, registryState, signatureState, verdict, noCritical, sort, page, pageSize';

// Every query the web app builds (its api/ fetchers), with each parameter it can send.
const webQueries = [
  '/api/v1/plugins?q=threshold&inputType=collection&outputType=collection&institution=NIST&author=a&registryState=resolved&signatureState=unsigned&verdict=trusted&noCritical=true&sort=name&page=2&pageSize=50',
  '/api/v1/signers?status=pending&kind=key&q=x&page=1&pageSize=20',
  '/api/v1/audit-events?actor=a&action=signer.approve&targetType=signer&targetId=1&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=50',
  '/api/v1/audit-events/export?format=csv&actor=a&action=signer.approve&targetType=signer&targetId=1&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z',
  '/api/v1/moderation/reviews?status=hidden&page=1',
  '/api/v1/plugins/any/reviews?version=1&sort=newest&page=1&pageSize=10',
  '/api/v1/plugins/any/versions/1/scan/findings?report=r&severity=high&fixable=true&q=x&sort=severity&order=desc&page=1&pageSize=50',
  '/api/v1/plugins/any/compare?from=1&to=2',
  '/api/v1/invitations/preview?token=abc',
  '/api/v1/setup/preview?token=abc',
  '/api/v1/admin/stale-scans?page=1&pageSize=20',
];

describe.each(engineCases)('request validation on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
  });

  it.skipIf(unavailable)('rejects an unknown query parameter and lists the valid ones', async () => {
    const response = await admin.fetch('/api/v1/plugins?limit=100');
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.error.message).toBe(
      `Invalid query: unknown parameter limit. Valid parameters: ${catalogParameters}.`,
    );
    expect(body.error.details).toEqual([
      {
        path: 'limit',
        message: `limit is not a parameter of this endpoint. Valid parameters: ${catalogParameters}.`,
      },
    ]);
  });

  it.skipIf(unavailable)('names every unknown query parameter', async () => {
    const response = await admin.fetch('/api/v1/plugins?limit=1&offset=2&q=x');
    const body = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(body.error.message).toMatch(
      /^Invalid query: unknown parameters limit, offset\. Valid parameters: q, /,
    );
  });

  it.skipIf(unavailable).each(webQueries)('accepts the query the web app sends: %s', async (pathAndQuery) => {
    const response = await admin.fetch(pathAndQuery);
    // The audit export returns CSV, so the body is read as text.
    const text = await response.text();

    expect(text).not.toContain('"message":"Invalid query');
  });

  it.skipIf(unavailable).each([
    {
      case: 'an unknown discriminator',
      path: '/api/v1/signers',
      body: { kind: 'x' },
      message: 'Invalid body: kind must be one of key, identity',
    },
    {
      case: 'a revocation without a reason',
      path: '/api/v1/signers/00000000-0000-0000-0000-000000000000/revoke',
      body: {},
      message: 'Invalid body: reason is required',
    },
    {
      case: 'a field of the wrong type',
      path: '/api/v1/signers',
      body: { kind: 'key', displayName: 'Lab key', publicKeyPem: 'pem', approve: 'yes' },
      message: 'Invalid body: approve must be true or false, not a string',
    },
  ])('words $case for the sender', async ({ path, body, message }) => {
    const response = await admin.fetch(path, { method: 'POST', body: JSON.stringify(body) });
    const error = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect(error.error.message).toBe(message);
  });
});
