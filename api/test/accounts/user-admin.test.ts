import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreatedInvitation,
  CreatedUser,
  SignedIn,
  User,
  UserList,
} from '../../src/contract/accounts.ts';
import type { TestAssay } from '../support/assay.ts';
import { startTestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, signIn, startVisitor, type TestSession } from '../support/session.ts';

describe.each(engineCases)('user administration on $engine', ({ create, unavailable }) => {
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

  const auditOf = (action: string, targetId: string) =>
    assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute();

  async function createAccount(body: Record<string, unknown>) {
    const response = await admin.fetch('/api/v1/users', { method: 'POST', body: JSON.stringify(body) });
    return {
      status: response.status,
      body: (await response.json()) as CreatedUser & { error?: { message: string } },
    };
  }

  it.skipIf(unavailable)('creates a user with a generated password shown once', async () => {
    const created = await createAccount({ username: 'Grace.Hopper', displayName: 'Grace', role: 'reviewer' });

    const session = await signIn(assay, 'grace.hopper', created.body.generatedPassword ?? '');
    const listed = (await (await admin.fetch('/api/v1/users')).json()) as UserList;
    const audit = await auditOf('user.create', created.body.user.id);

    expect(created.status).toBe(201);
    expect(created.body.user.username).toBe('grace.hopper');
    expect(session.user.role).toBe('reviewer');
    expect(listed.items.map((user) => user.username)).toContain('grace.hopper');
    expect(JSON.stringify(listed)).not.toContain(created.body.generatedPassword);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(admin.user.id);
  });

  it.skipIf(unavailable)('rejects a taken username with 409', async () => {
    await createAccount({
      username: 'taken-name',
      displayName: 'One',
      role: 'reviewer',
      password: 'first password 1',
    });

    const again = await createAccount({ username: 'Taken-Name', displayName: 'Two', role: 'reviewer' });

    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain('taken-name');
  });

  it.each([
    [
      'a short username',
      { username: 'ab', displayName: 'A', role: 'reviewer' },
      'username must be 3-40 characters',
    ],
    [
      'a username with spaces',
      { username: 'a b c', displayName: 'A', role: 'reviewer' },
      'username may contain only',
    ],
    [
      'an unknown role',
      { username: 'role-test', displayName: 'A', role: 'owner' },
      'role must be reviewer or admin',
    ],
    [
      'a short password',
      { username: 'pw-test', displayName: 'A', role: 'reviewer', password: 'short' },
      'at least 12',
    ],
    [
      'an empty display name',
      { username: 'name-test', displayName: '  ', role: 'reviewer' },
      'displayName must not be empty',
    ],
  ])('rejects %s', async (_case, body, message) => {
    if (unavailable) return;
    const result = await createAccount(body);

    expect(result.status).toBe(400);
    expect(result.body.error?.message).toContain(message);
  });

  it.skipIf(unavailable)('changes a role and audits before and after', async () => {
    const target = await createUserAndSignIn(assay, 'reviewer');

    const response = await admin.fetch(`/api/v1/users/${target.user.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'admin' }),
    });
    const state = (await (await target.fetch('/api/v1/session')).json()) as { user: { role: string } };
    const audit = await auditOf('user.role-change', target.user.id);

    expect(response.status).toBe(200);
    expect(((await response.json()) as User).role).toBe('admin');
    expect(state.user.role).toBe('admin');
    expect(JSON.parse(audit[0]?.before ?? '{}')).toMatchObject({ role: 'reviewer' });
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ role: 'admin' });
  });

  it.skipIf(unavailable)('keeps the last admin', async () => {
    const isolated = await create();
    const alone = await startTestAssay({ database: isolated });
    try {
      const onlyAdmin = await createUserAndSignIn(alone, 'admin');

      const demote = await onlyAdmin.fetch(`/api/v1/users/${onlyAdmin.user.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ role: 'reviewer' }),
      });

      expect(demote.status).toBe(409);
    } finally {
      await alone.stop();
      await isolated.drop();
    }
  });

  it.skipIf(unavailable)('deletes a user and audits it', async () => {
    const target = await createUserAndSignIn(assay, 'reviewer');

    const response = await admin.fetch(`/api/v1/users/${target.user.id}`, { method: 'DELETE' });
    const audit = await auditOf('user.delete', target.user.id);
    const sessions = await assay.server.database.db
      .selectFrom('sessions')
      .select('sid')
      .where('user_id', '=', target.user.id)
      .execute();

    expect(response.status).toBe(204);
    expect(audit).toHaveLength(1);
    expect(sessions).toEqual([]);
  });

  it.skipIf(unavailable)('refuses to let an admin delete themselves', async () => {
    const response = await admin.fetch(`/api/v1/users/${admin.user.id}`, { method: 'DELETE' });

    expect(response.status).toBe(409);
  });

  it.skipIf(unavailable)('invites a user who accepts once', async () => {
    const created = await admin.fetch('/api/v1/invitations', {
      method: 'POST',
      body: JSON.stringify({ role: 'admin', note: 'lab manager' }),
    });
    const { invitation, token } = (await created.json()) as CreatedInvitation;
    const preview = await fetch(`${assay.url}/api/v1/invitations/preview?token=${token}`);

    const accept = async (username: string) => {
      const visitor = await startVisitor(assay);
      return fetch(`${assay.url}/api/v1/invitations/accept`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': visitor.csrfToken,
          cookie: visitor.jar.header(),
        },
        body: JSON.stringify({
          token,
          username,
          displayName: 'Lab Manager',
          password: 'correct horse battery',
        }),
      });
    };
    const first = await accept('lab-manager');
    const second = await accept('lab-manager-2');
    const audit = await auditOf('invitation.accept', invitation.id);

    expect(created.status).toBe(201);
    expect(preview.status).toBe(200);
    expect(first.status).toBe(201);
    expect(((await first.json()) as SignedIn).user.role).toBe('admin');
    expect(second.status).toBe(404);
    expect(audit).toHaveLength(1);
  });

  it.skipIf(unavailable)('revokes an invitation so its link stops working', async () => {
    const created = await admin.fetch('/api/v1/invitations', {
      method: 'POST',
      body: JSON.stringify({ role: 'reviewer' }),
    });
    const { invitation, token } = (await created.json()) as CreatedInvitation;

    const revoked = await admin.fetch(`/api/v1/invitations/${invitation.id}`, { method: 'DELETE' });
    const preview = await fetch(`${assay.url}/api/v1/invitations/preview?token=${token}`);
    const audit = await auditOf('invitation.revoke', invitation.id);

    expect(revoked.status).toBe(204);
    expect(preview.status).toBe(404);
    expect(audit).toHaveLength(1);
  });

  it.skipIf(unavailable)('rejects sign-up while it is invitation-only', async () => {
    const visitor = await startVisitor(assay);

    const response = await fetch(`${assay.url}/api/v1/sign-up`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({
        username: 'walk-in',
        displayName: 'Walk In',
        password: 'a long enough password',
      }),
    });

    expect(response.status).toBe(403);
  });
});
