import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer, SignerDetail } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

const hour = 3_600_000;
const pastExpiries = [
  { case: 'a date years ago', expiresAt: '2020-01-01T00:00:00Z' },
  { case: 'an hour ago', expiresAt: new Date(Date.now() - hour).toISOString() },
];

describe.each(engineCases)('signer expiry on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  async function send<T>(method: string, path: string, body?: unknown) {
    const response = await admin.fetch(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  function addKey(extra: Record<string, unknown> = {}) {
    return send<Signer & ErrorBody>('POST', '/api/v1/signers', {
      kind: 'key',
      displayName: 'Lab key',
      publicKeyPem: generateSigningKey().publicKeyPem,
      ...extra,
    });
  }

  /** Adds a signer whose expiry has passed. The API takes only future expiries, so the database is changed. */
  async function addExpiredKey(): Promise<Signer> {
    const created = await addKey({ expiresAt: new Date(Date.now() + hour).toISOString() });
    await assay.server.database.db
      .updateTable('signers')
      .set({ expires_at: '2024-06-30T23:59:59.000Z' })
      .where('id', '=', created.body.id)
      .execute();
    return { ...created.body, expiresAt: '2024-06-30T23:59:59.000Z' };
  }

  async function statusOf(id: string) {
    return (await assay.getJson<SignerDetail>(`/api/v1/signers/${id}`)).body.signer;
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

  it
    .skipIf(unavailable)
    .each(pastExpiries.flatMap((expiry) => [true, false].map((approve) => ({ ...expiry, approve }))))(
    'rejects a new signer expiring $case (approve $approve)',
    async ({ expiresAt, approve }) => {
      const response = await addKey({ expiresAt, approve });
      const detail = response.body.error.details?.[0];

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid-input');
      expect(detail?.path).toBe('expiresAt');
      expect(detail?.message).toContain(`expiresAt must be in the future, but ${expiresAt}`);
      expect(detail?.message).toContain('revoke it');
    },
  );

  it.skipIf(unavailable)('approves a new signer with a future expiry', async () => {
    const expiresAt = new Date(Date.now() + 30 * 24 * hour).toISOString();

    const response = await addKey({ expiresAt, approve: true });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'approved', expiresAt, expired: false });
  });

  it.skipIf(unavailable).each(pastExpiries)('settings reject an expiry $case', async ({ expiresAt }) => {
    const signer = (await addKey({ approve: true })).body;

    const response = await send<ErrorBody>('PATCH', `/api/v1/signers/${signer.id}`, {
      displayName: 'Renamed',
      expiresAt,
    });
    const after = await statusOf(signer.id);

    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.path).toBe('expiresAt');
    expect(response.body.error.details?.[0]?.message).toContain('expiresAt must be in the future');
    expect(after).toMatchObject({ displayName: 'Lab key', expired: false });
    expect(after.expiresAt).toBeUndefined();
  });

  it.skipIf(unavailable)('settings keep an unchanged passed expiry', async () => {
    const signer = await addExpiredKey();

    const response = await send<Signer>('PATCH', `/api/v1/signers/${signer.id}`, {
      displayName: 'Old lab key',
      scope: [],
      expiresAt: '2024-06-30T23:59:59Z',
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      displayName: 'Old lab key',
      expiresAt: '2024-06-30T23:59:59.000Z',
      expired: true,
    });
  });

  it.skipIf(unavailable)('settings move a passed expiry to the future', async () => {
    const signer = await addExpiredKey();
    const expiresAt = new Date(Date.now() + 24 * hour).toISOString();

    const response = await send<Signer>('PATCH', `/api/v1/signers/${signer.id}`, { expiresAt });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expiresAt, expired: false });
  });

  it.skipIf(unavailable)('rejects approving a signer whose expiry passed', async () => {
    const signer = await addExpiredKey();

    const response = await send<ErrorBody>('POST', `/api/v1/signers/${signer.id}/approve`, {});

    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('its expiry 2024-06-30T23:59:59.000Z has passed');
    expect((await statusOf(signer.id)).status).toBe('pending');
  });

  it.skipIf(unavailable)('approves once a passed expiry is removed', async () => {
    const signer = await addExpiredKey();

    const cleared = await send<Signer>('PATCH', `/api/v1/signers/${signer.id}`, { expiresAt: null });
    const approved = await send<Signer>('POST', `/api/v1/signers/${signer.id}/approve`, {});

    expect(cleared.status).toBe(200);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', expired: false });
  });

  it.skipIf(unavailable)('revokes a signer whose expiry passed', async () => {
    const signer = await addExpiredKey();

    const response = await send<Signer>('POST', `/api/v1/signers/${signer.id}/revoke`, {
      reason: 'Approval ran out and the key was retired',
    });

    expect(response.status).toBe(200);
    expect(response.body.status).toBe('revoked');
  });
});
