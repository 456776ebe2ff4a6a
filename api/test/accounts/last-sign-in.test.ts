import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/accounts/setup.ts';
import type { CreatedInvitation, SignedIn, UserList } from '../../src/contract/accounts.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { CookieJar, signIn, startVisitor } from '../support/session.ts';

const password = 'correct horse battery';

describe.each(engineCases)('last sign-in on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let adminJar: CookieJar;
  let adminCsrf: string;
  let setupStartedAt: number;

  /** Posts a JSON body as a new visitor (cookie and CSRF token first, as a browser does). */
  async function postAsVisitor(path: string, body: unknown) {
    const visitor = await startVisitor(assay);
    const response = await fetch(`${assay.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify(body),
    });
    visitor.jar.store(response);
    return { response, jar: visitor.jar };
  }

  async function invitationToken(): Promise<string> {
    const response = await fetch(`${assay.url}/api/v1/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': adminCsrf, cookie: adminJar.header() },
      body: JSON.stringify({ role: 'reviewer' }),
    });
    if (response.status !== 201) throw new Error(`invitation failed with ${response.status}`);
    return ((await response.json()) as CreatedInvitation).token;
  }

  async function acceptInvitation(username: string) {
    const token = await invitationToken();
    return postAsVisitor('/api/v1/invitations/accept', {
      token,
      username,
      displayName: username,
      password,
    });
  }

  /** Reads a user as the admin page's users table shows it. */
  async function listedUser(username: string) {
    const response = await fetch(`${assay.url}/api/v1/users`, { headers: { cookie: adminJar.header() } });
    const list = (await response.json()) as UserList;
    const user = list.items.find((item) => item.username === username);
    if (user === undefined) throw new Error(`${username} is not in the users list`);
    return user;
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({
      database,
      env: { ASSAY_SCRYPT_LOG2_N: '14', ASSAY_SIGN_UP: 'open' },
    });

    const { db, engine } = assay.server.database;
    const token = (await issueSetupToken({ db, engine })) ?? '';
    setupStartedAt = Date.now();
    const setup = await postAsVisitor('/api/v1/setup', {
      token,
      username: 'first-admin',
      displayName: 'First Admin',
      password,
    });
    if (setup.response.status !== 201) throw new Error(`setup failed with ${setup.response.status}`);
    adminJar = setup.jar;
    adminCsrf = ((await setup.response.json()) as SignedIn).csrfToken;
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('first-admin setup records the sign-in', async () => {
    const admin = await listedUser('first-admin');

    expect(admin.lastSignInAt).not.toBeNull();
    expect(Date.parse(admin.lastSignInAt ?? '')).toBeGreaterThanOrEqual(setupStartedAt);
  });

  const automaticSignIns = [
    {
      case: 'accepting an invitation',
      username: 'invited-user',
      enter: (username: string) => acceptInvitation(username),
    },
    {
      case: 'open sign-up',
      username: 'walk-in-user',
      enter: (username: string) =>
        postAsVisitor('/api/v1/sign-up', { username, displayName: username, password }),
    },
  ];

  it.skipIf(unavailable).each(automaticSignIns)('$case records the sign-in', async ({ username, enter }) => {
    const startedAt = Date.now();

    const { response } = await enter(username);
    const user = await listedUser(username);

    expect(response.status).toBe(201);
    expect(user.lastSignInAt).not.toBeNull();
    expect(Date.parse(user.lastSignInAt ?? '')).toBeGreaterThanOrEqual(startedAt);
  });

  it.skipIf(unavailable)('invited user signing in again updates the time', async () => {
    await acceptInvitation('returning-user');
    const first = (await listedUser('returning-user')).lastSignInAt ?? '';
    await new Promise((resolve) => setTimeout(resolve, 5));
    const signedInAt = Date.now();

    await signIn(assay, 'returning-user', password);
    const second = (await listedUser('returning-user')).lastSignInAt ?? '';

    expect(Date.parse(second)).toBeGreaterThanOrEqual(signedInAt);
    expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
  });

  it.skipIf(unavailable)('failed sign-in leaves the time unchanged', async () => {
    await acceptInvitation('careful-user');
    const before = (await listedUser('careful-user')).lastSignInAt;

    const visitor = await postAsVisitor('/api/v1/session', {
      username: 'careful-user',
      password: 'not the password',
    });
    const after = (await listedUser('careful-user')).lastSignInAt;

    expect(visitor.response.status).toBe(401);
    expect(after).toBe(before);
  });
});
