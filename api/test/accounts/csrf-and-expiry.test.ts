import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAssay } from '../support/assay.ts';
import { startTestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUser, createUserAndSignIn, startVisitor } from '../support/session.ts';

describe.each(engineCases)('CSRF and session expiry on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  const changeName = (displayName: string) => ({ method: 'PATCH', body: JSON.stringify({ displayName }) });

  it.skipIf(unavailable)('accepts a signed-in change with the CSRF header', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const response = await session.fetch('/api/v1/account', changeName('Ada'));

    expect(response.status).toBe(200);
  });

  it.skipIf(unavailable)('rejects a signed-in change without the CSRF header', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const response = await session.fetch('/api/v1/account', {
      ...changeName('Mallory'),
      headers: { 'x-csrf-token': '' },
    });
    const body = (await response.json()) as { error: { code: string; details: { reason: string } } };

    expect(response.status).toBe(403);
    expect(body.error.details.reason).toBe('csrf');
  });

  it.skipIf(unavailable)("rejects another session's CSRF token", async () => {
    const victim = await createUserAndSignIn(assay, 'reviewer');
    const attacker = await createUserAndSignIn(assay, 'reviewer');

    const response = await victim.fetch('/api/v1/account', {
      ...changeName('Mallory'),
      headers: { 'x-csrf-token': attacker.csrfToken },
    });

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable)('rejects a sign-in without a CSRF token', async () => {
    const user = await createUser(assay, { role: 'reviewer' });

    const response = await fetch(`${assay.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable)('rejects a sign-in whose token lacks its cookie', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const visitor = await startVisitor(assay);

    const response = await fetch(`${assay.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': visitor.csrfToken },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable)('ends a session after its idle expiry', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');
    const { db } = assay.server.database;

    await db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', session.user.id)
      .execute();
    const response = await session.fetch('/api/v1/account/reviews');

    expect(response.status).toBe(401);
  });

  it.skipIf(unavailable)('ends a session past the absolute maximum however active', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');
    const { db } = assay.server.database;
    const row = await db
      .selectFrom('sessions')
      .select(['sid', 'data'])
      .where('user_id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    const data = JSON.parse(row.data) as { signedInAt: string };
    data.signedInAt = new Date(Date.now() - 8 * 24 * 60 * 60_000).toISOString();

    await db
      .updateTable('sessions')
      .set({ data: JSON.stringify(data) })
      .where('sid', '=', row.sid)
      .execute();
    const response = await session.fetch('/api/v1/account/reviews');
    const remaining = await db.selectFrom('sessions').select('sid').where('sid', '=', row.sid).execute();

    expect(response.status).toBe(401);
    expect(remaining).toEqual([]);
  });

  it.skipIf(unavailable)("stops a deleted user's session at once", async () => {
    const admin = await createUserAndSignIn(assay, 'admin');
    const reviewer = await createUserAndSignIn(assay, 'reviewer');
    const before = await reviewer.fetch('/api/v1/account/reviews');

    const removal = await admin.fetch(`/api/v1/users/${reviewer.user.id}`, { method: 'DELETE' });
    const after = await reviewer.fetch('/api/v1/account/reviews');
    const state = (await (await reviewer.fetch('/api/v1/session')).json()) as { user: unknown };

    expect(before.status).toBe(200);
    expect(removal.status).toBe(204);
    expect(after.status).toBe(401);
    expect(state.user).toBeNull();
  });
});

describe.each(engineCases)('cookies behind TLS on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database, env: { PUBLIC_URL: 'https://assay.example.org' } });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('marks the session and CSRF cookies Secure', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const forwarded = { 'x-forwarded-proto': 'https' };
    const state = await fetch(`${assay.url}/api/v1/session`, { headers: forwarded });
    const csrfCookie = state.headers.getSetCookie()[0] ?? '';
    const { csrfToken } = (await state.json()) as { csrfToken: string };

    const response = await fetch(`${assay.url}/api/v1/session`, {
      method: 'POST',
      headers: {
        ...forwarded,
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
        cookie: csrfCookie.split(';')[0] ?? '',
      },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const sessionCookie = response.headers.getSetCookie().find((header) => header.startsWith('assay.sid='));

    expect(csrfCookie).toMatch(/^__Host-assay\.csrf=.*; Secure/i);
    expect(response.status).toBe(200);
    expect(sessionCookie).toMatch(/; Secure/i);
  });
});
