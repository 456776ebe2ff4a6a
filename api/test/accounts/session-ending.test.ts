import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/contract/accounts.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUser, createUserAndSignIn, signIn, type TestSession } from '../support/session.ts';

describe.each(engineCases)('ending sessions on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database, env: { ASSAY_SCRYPT_LOG2_N: '14' } });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  async function viewer(session: TestSession): Promise<SessionState['user']> {
    const state = (await (await session.fetch('/api/v1/session')).json()) as SessionState;
    return state.user;
  }

  async function setRole(by: TestSession, userId: string, role: 'admin' | 'reviewer'): Promise<void> {
    const response = await by.fetch(`/api/v1/users/${userId}`, {
      method: 'PATCH',
      body: JSON.stringify({ role }),
    });
    expect(response.status).toBe(200);
  }

  it.skipIf(unavailable)('ends other sessions when a password changes', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const laptop = await signIn(assay, user.username, user.password);
    const phone = await signIn(assay, user.username, user.password);

    const response = await laptop.fetch('/api/v1/account/password', {
      method: 'PUT',
      body: JSON.stringify({ currentPassword: user.password, newPassword: 'a brand new password' }),
    });

    expect(response.status).toBe(200);
    expect((await viewer(laptop))?.id).toBe(user.id);
    expect(await viewer(phone)).toBeNull();
    expect((await signIn(assay, user.username, 'a brand new password')).user.id).toBe(user.id);
  });

  it.skipIf(unavailable)('keeps sessions when the current password is wrong', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const laptop = await signIn(assay, user.username, user.password);
    const phone = await signIn(assay, user.username, user.password);

    const response = await laptop.fetch('/api/v1/account/password', {
      method: 'PUT',
      body: JSON.stringify({ currentPassword: 'not the password', newPassword: 'a brand new password' }),
    });

    expect(response.status).toBe(400);
    expect((await viewer(phone))?.id).toBe(user.id);
  });

  it.skipIf(unavailable)('ends every session of a demoted admin', async () => {
    const user = await createUser(assay, { role: 'admin' });
    const sessions = [
      await signIn(assay, user.username, user.password),
      await signIn(assay, user.username, user.password),
    ];

    await setRole(admin, user.id, 'reviewer');

    expect(await viewer(sessions[0]!)).toBeNull();
    expect(await viewer(sessions[1]!)).toBeNull();
    expect((await signIn(assay, user.username, user.password)).user.role).toBe('reviewer');
  });

  it.skipIf(unavailable)('keeps the session of an admin who demotes themselves', async () => {
    const user = await createUser(assay, { role: 'admin' });
    const acting = await signIn(assay, user.username, user.password);
    const other = await signIn(assay, user.username, user.password);

    await setRole(acting, user.id, 'reviewer');

    expect(await viewer(acting)).toMatchObject({ id: user.id, role: 'reviewer' });
    expect(await viewer(other)).toBeNull();
  });

  it.skipIf(unavailable)('keeps sessions of a promoted reviewer', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const session = await signIn(assay, user.username, user.password);

    await setRole(admin, user.id, 'admin');

    expect(await viewer(session)).toMatchObject({ id: user.id, role: 'admin' });
  });

  it.skipIf(unavailable)('records the ended sessions with the role change', async () => {
    const user = await createUser(assay, { role: 'admin' });
    await signIn(assay, user.username, user.password);

    await setRole(admin, user.id, 'reviewer');
    const event = await assay.server.database.db
      .selectFrom('audit_events')
      .select('after')
      .where('action', '=', 'user.role-change')
      .where('target_id', '=', user.id)
      .executeTakeFirstOrThrow();

    expect(JSON.parse(String(event.after))).toMatchObject({ role: 'reviewer', endedSessions: 1 });
  });
});
