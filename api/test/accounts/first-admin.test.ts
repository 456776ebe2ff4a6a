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
