import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer, SignerDetail, SignerListPage } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const keyA = generateSigningKey('ecdsa-p256');
const keyB = generateSigningKey('rsa');
const keyC = generateSigningKey('ed25519');

const privateKeyPem = keyA.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const shortRsaPem = generateKeyPairSync('rsa', { modulusLength: 1024 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

async function json<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(engineCases)('signer routes on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let reviewer: TestSession;

  function post<T>(session: TestSession, path: string, body: unknown) {
    return session
      .fetch(path, { method: 'POST', body: JSON.stringify(body) })
      .then((response) => json<T>(response));
  }

  function patch<T>(session: TestSession, path: string, body: unknown) {
    return session
      .fetch(path, { method: 'PATCH', body: JSON.stringify(body) })
      .then((response) => json<T>(response));
  }

  async function addKey(displayName: string, publicKeyPem: string, extra: Record<string, unknown> = {}) {
    const response = await post<Signer>(admin, '/api/v1/signers', {
      kind: 'key',
      displayName,
      publicKeyPem,
      ...extra,
    });
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body;
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin', { username: 'alice-admin' });
    reviewer = await createUserAndSignIn(assay, 'reviewer');
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
  });

  it.skipIf(unavailable)('admin adds a key signer with its fingerprint', async () => {
    const response = await post<Signer>(admin, '/api/v1/signers', {
      kind: 'key',
      displayName: '  Lab key  ',
      publicKeyPem: keyA.publicKeyPem,
      scope: ['docker.io/polusai'],
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'key',
      displayName: 'Lab key',
      status: 'pending',
      scope: ['docker.io/polusai'],
      origin: 'admin',
      imageCount: 0,
      expired: false,
      publicKey: { fingerprint: keyA.fingerprint, algorithm: 'ecdsa-p256' },
    });
  });

  it.skipIf(unavailable)('admin adds an approved identity signer', async () => {
    const response = await post<Signer>(admin, '/api/v1/signers', {
      kind: 'identity',
      displayName: 'Release workflow',
      san: 'https://github.com/lab/repo/.github/workflows/release.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com',
      approve: true,
    });

    expect(response.status).toBe(201);
    expect(response.body.status).toBe('approved');
    expect(response.body.statusChangedBy).toBe('alice-admin');
    expect(response.body.identity).toEqual({
      san: 'https://github.com/lab/repo/.github/workflows/release.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com',
    });
  });

  const invalidBodies: { case: string; body: Record<string, unknown>; path: string }[] = [
    {
      case: 'private key',
      body: { kind: 'key', displayName: 'x', publicKeyPem: privateKeyPem },
      path: 'publicKeyPem',
    },
    {
      case: 'short RSA key',
      body: { kind: 'key', displayName: 'x', publicKeyPem: shortRsaPem },
      path: 'publicKeyPem',
    },
    {
      case: 'not PEM',
      body: { kind: 'key', displayName: 'x', publicKeyPem: 'ssh-ed25519 AAAA' },
      path: 'publicKeyPem',
    },
    {
      case: 'empty display name',
      body: { kind: 'key', displayName: ' ', publicKeyPem: keyC.publicKeyPem },
      path: 'displayName',
    },
    {
      case: 'empty SAN',
      body: { kind: 'identity', displayName: 'x', san: '', issuer: 'https://issuer' },
      path: 'san',
    },
    {
      case: 'scope with wildcard',
      body: {
        kind: 'key',
        displayName: 'x',
        publicKeyPem: keyC.publicKeyPem,
        scope: ['docker.io/polusai/*'],
      },
      path: 'scope.0',
    },
    {
      case: 'expiry without time zone',
      body: {
        kind: 'key',
        displayName: 'x',
        publicKeyPem: keyC.publicKeyPem,
        expiresAt: '2030-01-01T00:00:00',
      },
      path: 'expiresAt',
    },
    { case: 'unknown kind', body: { kind: 'password', displayName: 'x' }, path: 'kind' },
  ];

  it.skipIf(unavailable).each(invalidBodies)('rejects a new signer with $case', async ({ body, path }) => {
    const response = await post<ErrorBody>(admin, '/api/v1/signers', body);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
    expect(response.body.error.details?.map((detail) => detail.path)).toContain(path);
  });

  it.skipIf(unavailable)('rejects a key that is already a signer', async () => {
    const existing = await addKey('RSA key', keyB.publicKeyPem);

    const response = await post<ErrorBody & { error: { details: { signerId: string } } }>(
      admin,
      '/api/v1/signers',
      {
        kind: 'key',
        displayName: 'Same key again',
        publicKeyPem: keyB.publicKeyPem,
      },
    );

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('RSA key');
    expect(response.body.error.details.signerId).toBe(existing.id);
  });

  it.skipIf(unavailable)('revocation requires a reason', async () => {
    const signer = await addKey('Needs reason', generateSigningKey().publicKeyPem);

    const missing = await post<ErrorBody>(admin, `/api/v1/signers/${signer.id}/revoke`, {});
    const blank = await post<ErrorBody>(admin, `/api/v1/signers/${signer.id}/revoke`, { reason: '   ' });

    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.[0]?.path).toBe('reason');
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('reason is required');
  });

  it.skipIf(unavailable)('approve and revoke twice is a conflict', async () => {
    const signer = await addKey('Twice', generateSigningKey().publicKeyPem);

    const approved = await post<Signer>(admin, `/api/v1/signers/${signer.id}/approve`, {});
    const approvedAgain = await post<ErrorBody>(admin, `/api/v1/signers/${signer.id}/approve`, {});
    const revoked = await post<Signer>(admin, `/api/v1/signers/${signer.id}/revoke`, {
      reason: 'Lost laptop',
    });
    const revokedAgain = await post<ErrorBody>(admin, `/api/v1/signers/${signer.id}/revoke`, {
      reason: 'Again',
    });

    expect(approved.status).toBe(200);
    expect(approvedAgain.status).toBe(409);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      statusReason: 'Lost laptop',
      statusChangedBy: 'alice-admin',
    });
    expect(revokedAgain.status).toBe(409);
  });

  it.skipIf(unavailable)('approve accepts a request without a body', async () => {
    const signer = await addKey('No body', generateSigningKey().publicKeyPem);

    const response = await admin.fetch(`/api/v1/signers/${signer.id}/approve`, { method: 'POST' });

    expect(response.status).toBe(200);
  });

  it.skipIf(unavailable)('unknown signer id is not found', async () => {
    const response = await post<ErrorBody>(admin, '/api/v1/signers/no-such-signer/approve', {});
    const detail = await assay.getJson<ErrorBody>('/api/v1/signers/no-such-signer');

    expect(response.status).toBe(404);
    expect(detail.status).toBe(404);
  });

  it.skipIf(unavailable)('patch changes scope, expiry and name', async () => {
    const signer = await addKey('Before', generateSigningKey().publicKeyPem);

    const response = await patch<Signer>(admin, `/api/v1/signers/${signer.id}`, {
      displayName: 'After',
      scope: ['ghcr.io/lab', 'docker.io/polusai'],
      expiresAt: '2099-01-01T00:00:00+02:00',
    });
    const empty = await patch<ErrorBody>(admin, `/api/v1/signers/${signer.id}`, {});

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      displayName: 'After',
      scope: ['ghcr.io/lab', 'docker.io/polusai'],
      expiresAt: '2098-12-31T22:00:00.000Z',
      expired: false,
    });
    expect(empty.status).toBe(400);
  });

  it.skipIf(unavailable)('every change is in the audit log with its actor and reason', async () => {
    const signer = await addKey('Audited', generateSigningKey().publicKeyPem);
    await post(admin, `/api/v1/signers/${signer.id}/approve`, { reason: 'Checked the key with the lab' });
    await patch(admin, `/api/v1/signers/${signer.id}`, { scope: ['docker.io/lab'] });
    await post(admin, `/api/v1/signers/${signer.id}/revoke`, { reason: 'Key rotated' });

    const events = await assay.server.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_name', 'reason', 'before', 'after'])
      .where('target_type', '=', 'signer')
      .where('target_id', '=', signer.id)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();

    expect(events.map((event) => [event.action, event.actor_name, event.reason])).toEqual([
      ['signer.create', 'alice-admin', null],
      ['signer.approve', 'alice-admin', 'Checked the key with the lab'],
      ['signer.update', 'alice-admin', null],
      ['signer.revoke', 'alice-admin', 'Key rotated'],
    ]);
    expect(JSON.parse(events[3]?.before ?? '{}')).toMatchObject({
      status: 'approved',
      scope: ['docker.io/lab'],
    });
    expect(JSON.parse(events[3]?.after ?? '{}')).toMatchObject({
      status: 'revoked',
      statusReason: 'Key rotated',
    });
  });

  it.skipIf(unavailable)('history names the admin only for admins', async () => {
    const signer = await addKey('History', generateSigningKey().publicKeyPem);
    await post(admin, `/api/v1/signers/${signer.id}/revoke`, { reason: 'Compromised' });

    const asAdmin = await admin
      .fetch(`/api/v1/signers/${signer.id}`)
      .then((response) => json<SignerDetail>(response));
    const asVisitor = await assay.getJson<SignerDetail>(`/api/v1/signers/${signer.id}`);

    expect(asAdmin.body.history.map((entry) => [entry.action, entry.actor, entry.reason])).toEqual([
      ['created', 'alice-admin', undefined],
      ['revoked', 'alice-admin', 'Compromised'],
    ]);
    expect(asAdmin.body.history[1]?.changes).toEqual(
      expect.arrayContaining([{ field: 'status', from: 'pending', to: 'revoked' }]),
    );
    expect(asVisitor.status).toBe(200);
    expect(asVisitor.body.history.map((entry) => entry.actor)).toEqual([undefined, undefined]);
    expect(asVisitor.body.signer.statusChangedBy).toBeUndefined();
    expect(asVisitor.body.signer.statusReason).toBe('Compromised');
  });

  it.skipIf(unavailable)('list filters by status, kind and text', async () => {
    const byStatus = await assay.getJson<SignerListPage>('/api/v1/signers?status=revoked&pageSize=100');
    const byKind = await assay.getJson<SignerListPage>('/api/v1/signers?kind=identity');
    const byText = await assay.getJson<SignerListPage>(`/api/v1/signers?q=${keyA.fingerprint.slice(10, 30)}`);
    const literal = await assay.getJson<SignerListPage>('/api/v1/signers?q=%25');

    expect(byStatus.body.items.length).toBeGreaterThan(0);
    expect(byStatus.body.items.every((signer) => signer.status === 'revoked')).toBe(true);
    expect(byKind.body.items.map((signer) => signer.displayName)).toEqual(['Release workflow']);
    expect(byText.body.items.map((signer) => signer.displayName)).toEqual(['Lab key']);
    expect(literal.body.items).toEqual([]);
    expect(byStatus.body.statusCounts.revoked).toBe(byStatus.body.total);
  });

  it.skipIf(unavailable)('list puts pending signers first', async () => {
    const page = await assay.getJson<SignerListPage>('/api/v1/signers?pageSize=100');
    const statuses = page.body.items.map((signer) => signer.status);

    expect(statuses).toEqual(
      [...statuses].sort(
        (a, b) =>
          ['pending', 'approved', 'revoked'].indexOf(a) - ['pending', 'approved', 'revoked'].indexOf(b),
      ),
    );
  });

  it.skipIf(unavailable)('rejects an invalid list query', async () => {
    const response = await assay.getJson<ErrorBody>('/api/v1/signers?status=trusted');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
  });

  const mutations: { method: string; path: (id: string) => string; body: unknown }[] = [
    {
      method: 'POST',
      path: () => '/api/v1/signers',
      body: { kind: 'key', displayName: 'x', publicKeyPem: keyC.publicKeyPem },
    },
    { method: 'POST', path: (id) => `/api/v1/signers/${id}/approve`, body: {} },
    { method: 'POST', path: (id) => `/api/v1/signers/${id}/revoke`, body: { reason: 'no' } },
    { method: 'PATCH', path: (id) => `/api/v1/signers/${id}`, body: { displayName: 'y' } },
  ];

  it.skipIf(unavailable).each(mutations)(
    'only admins may $method a signer',
    async ({ method, path, body }) => {
      const signer = await addKey(`Guarded ${method}`, generateSigningKey().publicKeyPem);
      const init = { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };

      const asVisitor = await fetch(`${assay.url}${path(signer.id)}`, init);
      const asReviewer = await reviewer.fetch(path(signer.id), { method, body: JSON.stringify(body) });
      const after = await assay.getJson<SignerDetail>(`/api/v1/signers/${signer.id}`);

      expect([401, 403]).toContain(asVisitor.status);
      expect(asReviewer.status).toBe(403);
      expect(after.body.signer).toMatchObject({ status: 'pending', displayName: `Guarded ${method}` });
    },
  );

  it.skipIf(unavailable)('visitors read signer statuses', async () => {
    const list = await assay.getJson<SignerListPage>('/api/v1/signers');

    expect(list.status).toBe(200);
    expect(list.body.items.every((signer) => signer.statusChangedBy === undefined)).toBe(true);
  });
});
