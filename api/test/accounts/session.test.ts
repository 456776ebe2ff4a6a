import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUser, createUserAndSignIn, signIn, startVisitor } from '../support/session.ts';

describe.each(engineCases)('sessions on $engine', ({ create, unavailable }) => {
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

  it.skipIf(unavailable)('reports a visitor with a CSRF token', async () => {
    const response = await fetch(`${assay.url}/api/v1/session`);
    const body = (await response.json()) as { user: unknown; csrfToken: string; setupRequired: boolean };

    expect(response.status).toBe(200);
    expect(body.user).toBeNull();
    expect(body.csrfToken).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
  });

  it.skipIf(unavailable)('signs in and reports the user', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const response = await session.fetch('/api/v1/session');
    const body = (await response.json()) as { user: { username: string; role: string } };

    expect(body.user.username).toBe(session.user.username);
    expect(body.user.role).toBe('reviewer');
  });

  it.skipIf(unavailable)('sets an HttpOnly SameSite=Lax session cookie', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const visitor = await startVisitor(assay);

    const response = await fetch(`${assay.url}/api/v1/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('assay.sid='));

    expect(response.status).toBe(200);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it.skipIf(unavailable)('signs out', async () => {
    const session = await createUserAndSignIn(assay, 'reviewer');

    const signOut = await session.fetch('/api/v1/session', { method: 'DELETE' });
    const after = (await (await session.fetch('/api/v1/session')).json()) as { user: unknown };

    expect(signOut.status).toBe(200);
    expect(after.user).toBeNull();
  });

  it.skipIf(unavailable)('rejects a wrong password with 401', async () => {
    const user = await createUser(assay, { role: 'reviewer' });

    await expect(signIn(assay, user.username, 'not-the-password')).rejects.toThrow(/401/);
  });
});
