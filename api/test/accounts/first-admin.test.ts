import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/accounts/setup.ts';
import type { TestAssay } from '../support/assay.ts';
import { startTestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { startVisitor } from '../support/session.ts';

describe.each(engineCases)('first admin on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeEach(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database, env: { ASSAY_SCRYPT_LOG2_N: '14' } });
  });

  afterEach(async () => {
    await assay?.stop();
    await database?.drop();
  });

  async function setup(token: string, username: string) {
    const visitor = await startVisitor(assay);
    return fetch(`${assay.url}/api/v1/setup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({
        token,
        username,
        displayName: 'First Admin',
        password: 'a long admin password',
      }),
    });
  }

  it.skipIf(unavailable)('creates the first admin with a setup token once', async () => {
    const { db, engine } = assay.server.database;
    const token = (await issueSetupToken({ db, engine })) ?? '';
    const before = (await (await fetch(`${assay.url}/api/v1/session`)).json()) as { setupRequired: boolean };

    const first = await setup(token, 'root-admin');
    const second = await setup(token, 'second-admin');
    const after = (await (await fetch(`${assay.url}/api/v1/session`)).json()) as { setupRequired: boolean };

    expect(before.setupRequired).toBe(true);
    expect(first.status).toBe(201);
    expect(second.status).toBe(404);
    expect(after.setupRequired).toBe(false);
    expect(await issueSetupToken({ db, engine })).toBeUndefined();
  });

  it.skipIf(unavailable)('rejects a wrong setup token', async () => {
    const { db, engine } = assay.server.database;
    await issueSetupToken({ db, engine });

    const response = await setup('not-the-token', 'root-admin');
    const admins = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute();

    expect(response.status).toBe(404);
    expect(admins).toEqual([]);
  });

  async function preview(token: string) {
    const response = await fetch(`${assay.url}/api/v1/setup/preview?token=${encodeURIComponent(token)}`);
    return {
      status: response.status,
      body: (await response.json()) as { expiresAt?: string; error?: { code: string; message: string } },
    };
  }

  it.skipIf(unavailable)('previews an unused setup token with its expiry', async () => {
    const { db, engine } = assay.server.database;
    const now = new Date();
    const token = (await issueSetupToken({ db, engine }, now)) ?? '';

    const response = await preview(token);

    expect(response.status).toBe(200);
    expect(Date.parse(response.body.expiresAt ?? '')).toBe(now.getTime() + 24 * 60 * 60_000);
  });

  it.skipIf(unavailable).each([
    { state: 'used', message: 'This setup link has been used: an admin account exists already.' },
    { state: 'expired', message: 'This setup link expired at ' },
    { state: 'unknown', message: 'This setup link is not valid' },
  ])('says at once that a setup token is $state', async ({ state, message }) => {
    const { db, engine } = assay.server.database;
    const issuedAt = state === 'expired' ? new Date(Date.now() - 25 * 60 * 60_000) : new Date();
    const token = (await issueSetupToken({ db, engine }, issuedAt)) ?? '';
    if (state === 'used') expect((await setup(token, 'root-admin')).status).toBe(201);

    const response = await preview(state === 'unknown' ? 'not-the-token' : token);

    expect(response.status).toBe(404);
    expect(response.body.error?.code).toBe('not-found');
    expect(response.body.error?.message).toContain(message);
  });

  it.skipIf(unavailable)('lets exactly one of two racing setups win', async () => {
    const { db, engine } = assay.server.database;
    const tokenA = (await issueSetupToken({ db, engine })) ?? '';
    const tokenB = (await issueSetupToken({ db, engine })) ?? '';

    const statuses = (await Promise.all([setup(tokenA, 'admin-a'), setup(tokenB, 'admin-b')])).map(
      (response) => response.status,
    );
    const admins = await db.selectFrom('users').select('id').where('role', '=', 'admin').execute();

    expect(statuses.sort()).toEqual([201, 404]);
    expect(admins).toHaveLength(1);
  });
});
