import { randomBytes } from 'node:crypto';
import { createLocalAccount } from '../../src/accounts/create-account.ts';
import type { ScryptCost } from '../../src/accounts/password.ts';
import type { AccountRole, SessionUserView } from '../../src/contract/accounts.ts';
import type { TestAssay } from './assay.ts';

// Tests hash with N=2^14 (16 MiB) instead of the production 2^17, so a file can create dozens of users
// quickly; sign-in verifies with the parameters stored in each hash, so the code path is the same.
export const testScryptCost: ScryptCost = { log2N: 14, blockSize: 8, parallelization: 1 };

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: AccountRole;
}

export interface TestSession {
  user: SessionUserView;
  csrfToken: string;
  /** Cookie header value this session sends. */
  cookie: string;
  /**
   * Fetches `path` (relative to the server, such as `/api/v1/users`) with the session cookie, adding
   * the CSRF header on POST, PUT, PATCH and DELETE and a JSON content type when the body is a string.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

let counter = 0;

/** Creates an account directly through the accounts service on the server's database. */
export async function createUser(
  assay: TestAssay,
  options: { role: AccountRole; username?: string; password?: string; displayName?: string },
): Promise<TestUser> {
  counter += 1;
  const username = options.username ?? `${options.role}-${counter}-${randomBytes(3).toString('hex')}`;
  const password = options.password ?? `pw-${randomBytes(12).toString('hex')}`;
  const { db, engine } = assay.server.database;
  const row = await createLocalAccount(
    { db, engine },
    { username, displayName: options.displayName ?? username, role: options.role, password },
    { cost: testScryptCost },
  );
  return { id: row.id, username: row.username, password, role: row.role };
}

/** Cookie pairs (`name=value`) from a response's Set-Cookie headers, keyed by name; a cleared cookie maps to ''. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0] ?? '';
    const index = pair.indexOf('=');
    if (index > 0) cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return cookies;
}

/** A cookie jar for one client: sends its cookies and keeps what responses set. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const [name, value] of cookiesOf(response)) {
      if (value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Starts a visitor's client: a cookie jar and the CSRF token from `GET /api/v1/session`. */
export async function startVisitor(assay: TestAssay): Promise<{ jar: CookieJar; csrfToken: string }> {
  const jar = new CookieJar();
  const response = await fetch(`${assay.url}/api/v1/session`);
  jar.store(response);
  const body = (await response.json()) as { csrfToken: string };
  return { jar, csrfToken: body.csrfToken };
}

function sessionFetch(assay: TestAssay, jar: CookieJar, token: () => string) {
  return async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    if (unsafeMethods.has(method) && !headers.has('x-csrf-token')) headers.set('x-csrf-token', token());
    if (typeof init.body === 'string' && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    const cookie = jar.header();
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(`${assay.url}${path}`, { ...init, headers, redirect: 'manual' });
    jar.store(response);
    return response;
  };
}

/** Signs in through `POST /api/v1/session` as a browser would: fetch the CSRF token first, then post. */
export async function signIn(assay: TestAssay, username: string, password: string): Promise<TestSession> {
  const visitor = await startVisitor(assay);
  const post = sessionFetch(assay, visitor.jar, () => visitor.csrfToken);
  const response = await post('/api/v1/session', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${username} failed with ${response.status}: ${await response.text()}`);
  }
  const body = (await response.json()) as { user: SessionUserView; csrfToken: string };
  const session: TestSession = {
    user: body.user,
    csrfToken: body.csrfToken,
    get cookie() {
      return visitor.jar.header();
    },
    fetch: sessionFetch(assay, visitor.jar, () => session.csrfToken),
  };
  return session;
}

/** Creates a user with `role` and signs it in. */
export async function createUserAndSignIn(
  assay: TestAssay,
  role: AccountRole,
  options: { username?: string; displayName?: string } = {},
): Promise<TestSession> {
  const user = await createUser(assay, { role, ...options });
  return signIn(assay, user.username, user.password);
}
