import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustPolicyHistory, TrustPolicyVersion } from '../../src/contract/policy.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, startVisitor, type TestSession } from '../support/session.ts';

const inThirtyDays = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

const defaultPolicy = {
  signerRule: 'approved-in-scope',
  maxScanAgeDays: 7,
  failSeverities: ['critical'],
  fixableOnly: true,
  exceptions: [],
};

interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
}

const invalidPolicies: Array<{ name: string; policy: Record<string, unknown>; path: string }> = [
  { name: 'maximum scan age of 0 days', policy: { maxScanAgeDays: 0 }, path: 'policy.maxScanAgeDays' },
  { name: 'maximum scan age of 366 days', policy: { maxScanAgeDays: 366 }, path: 'policy.maxScanAgeDays' },
  { name: 'fractional scan age', policy: { maxScanAgeDays: 2.5 }, path: 'policy.maxScanAgeDays' },
  { name: 'unknown severity', policy: { failSeverities: ['severe'] }, path: 'policy.failSeverities.0' },
  { name: 'repeated severity', policy: { failSeverities: ['high', 'high'] }, path: 'policy.failSeverities' },
  { name: 'unknown signer rule', policy: { signerRule: 'anyone' }, path: 'policy.signerRule' },
  {
    name: 'exception id that is neither CVE nor GHSA',
    policy: {
      exceptions: [{ vulnerabilityId: 'DSA-4613-1', justification: 'x', expiresAt: inThirtyDays() }],
    },
    path: 'policy.exceptions.0.vulnerabilityId',
  },
  {
    name: 'exception without justification',
    policy: {
      exceptions: [{ vulnerabilityId: 'CVE-2024-3094', justification: '  ', expiresAt: inThirtyDays() }],
    },
    path: 'policy.exceptions.0.justification',
  },
  {
    name: 'exception expiry that is not a date',
    policy: {
      exceptions: [{ vulnerabilityId: 'CVE-2024-3094', justification: 'x', expiresAt: 'next week' }],
    },
    path: 'policy.exceptions.0.expiresAt',
  },
  {
    name: 'exception that expired',
    policy: {
      exceptions: [
        { vulnerabilityId: 'CVE-2024-3094', justification: 'x', expiresAt: '2020-01-01T00:00:00Z' },
      ],
    },
    path: 'policy.exceptions.0.expiresAt',
  },
  {
    name: 'two exceptions for one id',
    policy: {
      exceptions: [
        { vulnerabilityId: 'CVE-2024-3094', justification: 'x', expiresAt: inThirtyDays() },
        { vulnerabilityId: 'cve-2024-3094', justification: 'y', expiresAt: inThirtyDays() },
      ],
    },
    path: 'policy.exceptions.1.vulnerabilityId',
  },
  {
    name: 'exception repository that is not a prefix',
    policy: {
      exceptions: [
        {
          vulnerabilityId: 'CVE-2024-3094',
          justification: 'x',
          expiresAt: inThirtyDays(),
          repositories: ['Not A Repo'],
        },
      ],
    },
    path: 'policy.exceptions.0.repositories.0',
  },
];

describe.each(engineCases)('trust policy API on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let reviewer: TestSession;

  async function put(session: TestSession, body: unknown) {
    const response = await session.fetch('/api/v1/policy', { method: 'PUT', body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as TrustPolicyVersion & ErrorBody };
  }

  async function currentVersion(): Promise<number> {
    return (await assay.getJson<TrustPolicyVersion>('/api/v1/policy')).body.version;
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin', { username: 'policy-admin' });
    reviewer = await createUserAndSignIn(assay, 'reviewer');
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('starts with the default policy as version 1', async () => {
    const response = await assay.getJson<TrustPolicyVersion>('/api/v1/policy');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      version: 1,
      policy: defaultPolicy,
      bySystem: true,
      isCurrent: true,
    });
    expect(response.body.author).toBeUndefined();
  });

  it.skipIf(unavailable)('rejects a policy edit from a visitor', async () => {
    const visitor = await startVisitor(assay);

    const response = await fetch(`${assay.url}/api/v1/policy`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({ baseVersion: 1, reason: 'x', policy: defaultPolicy }),
    });

    expect(response.status).toBe(401);
  });

  it.skipIf(unavailable)('rejects a policy edit from a reviewer', async () => {
    const response = await put(reviewer, {
      baseVersion: 1,
      reason: 'x',
      policy: { ...defaultPolicy, maxScanAgeDays: 3 },
    });

    expect(response.status).toBe(403);
    expect(await currentVersion()).toBe(1);
  });

  it.skipIf(unavailable)('rejects an edit without the CSRF token', async () => {
    const response = await fetch(`${assay.url}/api/v1/policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ baseVersion: 1, reason: 'x', policy: { ...defaultPolicy, maxScanAgeDays: 3 } }),
    });

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable).each(invalidPolicies)('rejects a policy with $name', async ({ policy, path }) => {
    const response = await put(admin, {
      baseVersion: await currentVersion(),
      reason: 'testing validation',
      policy: { ...defaultPolicy, ...policy },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
    expect(response.body.error.details?.map((detail) => detail.path)).toContain(path);
  });

  it.skipIf(unavailable)('rejects an edit without a reason', async () => {
    const response = await put(admin, {
      baseVersion: 1,
      reason: '',
      policy: { ...defaultPolicy, maxScanAgeDays: 3 },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.path).toBe('reason');
  });

  it.skipIf(unavailable)('saves an edit as a new version and audits it', async () => {
    const response = await put(admin, {
      baseVersion: 1,
      reason: 'Scans must be at most three days old',
      policy: {
        ...defaultPolicy,
        maxScanAgeDays: 3,
        exceptions: [
          {
            vulnerabilityId: 'ghsa-RXWQ-X6H5-X525',
            justification: 'Not shipped.',
            expiresAt: inThirtyDays(),
          },
        ],
      },
    });
    const events = await assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'policy.update')
      .execute();

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      version: 2,
      author: 'policy-admin',
      isCurrent: true,
      bySystem: false,
    });
    expect(response.body.policy.exceptions[0]).toMatchObject({
      vulnerabilityId: 'GHSA-rxwq-x6h5-x525',
      addedBy: 'policy-admin',
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_name: 'policy-admin',
      target_type: 'trust-policy',
      target_id: '2',
      reason: 'Scans must be at most three days old',
    });
    expect(JSON.parse(events[0]?.before ?? '{}')).toMatchObject({ version: 1, maxScanAgeDays: 7 });
    expect(JSON.parse(events[0]?.after ?? '{}')).toMatchObject({ version: 2, maxScanAgeDays: 3 });
  });

  it.skipIf(unavailable)('rejects an edit that started from an older version', async () => {
    const response = await put(admin, {
      baseVersion: 1,
      reason: 'late edit',
      policy: { ...defaultPolicy, maxScanAgeDays: 5 },
    });

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('version 2 was saved by policy-admin');
  });

  it.skipIf(unavailable)('rejects an edit that changes nothing', async () => {
    const current = await assay.getJson<TrustPolicyVersion>('/api/v1/policy');

    const response = await put(admin, { baseVersion: 2, reason: 'no change', policy: current.body.policy });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^Nothing changed/);
  });

  it.skipIf(unavailable)('lists every version with what changed, newest first', async () => {
    const asAdmin = (await (await admin.fetch('/api/v1/policy/versions')).json()) as TrustPolicyHistory;
    const asVisitor = await assay.getJson<TrustPolicyHistory>('/api/v1/policy/versions');

    expect(asAdmin.items.map((item) => item.version)).toEqual([2, 1]);
    expect(asAdmin.items[0]?.author).toBe('policy-admin');
    expect(asAdmin.items[0]?.changes.map((change) => change.description)).toEqual([
      'maximum scan age 7 days to 3 days',
      expect.stringMatching(/^added GHSA-rxwq-x6h5-x525 \(until \d{4}-\d{2}-\d{2}\)$/),
    ]);
    expect(asVisitor.body.items[0]?.author).toBeUndefined();
  });

  it.skipIf(unavailable)('serves an older version by number', async () => {
    const response = await assay.getJson<TrustPolicyVersion>('/api/v1/policy/versions/1');
    const missing = await assay.getJson<ErrorBody>('/api/v1/policy/versions/99');
    const invalid = await assay.getJson<ErrorBody>('/api/v1/policy/versions/first');

    expect(response.body).toMatchObject({ version: 1, isCurrent: false, policy: defaultPolicy });
    expect(missing.status).toBe(404);
    expect(invalid.status).toBe(400);
  });
});
