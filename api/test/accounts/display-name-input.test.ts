import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUserView, User } from '../../src/contract/accounts.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe.each(engineCases)('display names on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let reviewer: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database, env: { ASSAY_SCRYPT_LOG2_N: '14' } });
    admin = await createUserAndSignIn(assay, 'admin');
    reviewer = await createUserAndSignIn(assay, 'reviewer', { displayName: 'Rita' });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  async function rename(displayName: string) {
    const response = await reviewer.fetch('/api/v1/account', {
      method: 'PATCH',
      body: JSON.stringify({ displayName }),
    });
    return { status: response.status, body: (await response.json()) as ErrorBody & SessionUserView };
  }

  it.skipIf(unavailable).each([
    { case: 'only zero width spaces', displayName: '\u200b\u200b', character: 'U+200B ZERO WIDTH SPACE' },
    { case: 'a look-alike with a zero width space', displayName: 'adm\u200bin1', character: 'U+200B' },
    { case: 'an unterminated right-to-left override', displayName: 'Rita\u202e', character: 'U+202E' },
  ])('rejects a name with $case', async ({ displayName, character }) => {
    const response = await rename(displayName);
    const stored = await assay.server.database.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', reviewer.user.id)
      .executeTakeFirstOrThrow();

    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.path).toBe('displayName');
    expect(response.body.error.details?.[0]?.message).toContain(`displayName must not contain ${character}`);
    expect(stored.display_name).toBe('Rita');
  });

  it.skipIf(unavailable)('accepts a Persian name that needs a zero width non-joiner', async () => {
    const response = await rename('محمد\u200cرضا');

    expect(response.status).toBe(200);
    expect(response.body.displayName).toBe('محمد\u200cرضا');
  });

  it.skipIf(unavailable)('applies the same rule when an admin names a user', async () => {
    const response = await admin.fetch('/api/v1/users', {
      method: 'POST',
      body: JSON.stringify({ username: 'look-alike', displayName: 'adm\u200bin', role: 'reviewer' }),
    });
    const users = (await (await admin.fetch('/api/v1/users')).json()) as { items: User[] };

    expect(response.status).toBe(400);
    expect(users.items.map((user) => user.username)).not.toContain('look-alike');
  });
});
