import type { Request, RequestHandler, Response } from 'express';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import type { DatabaseContext } from '../db/engine.ts';
import type { SessionUser } from '../http/auth.ts';
import type { AccountsConfig } from './config.ts';
import { createCsrf, type Csrf } from './csrf.ts';
import { getOrCreateSecret } from './secrets.ts';
import { DatabaseSessionStore } from './session-store.ts';
import { findUserById, toSessionUser } from './users.ts';

export const sessionCookieName = 'assay.sid';

export interface SessionLayer {
  /** Reads the session cookie, sets `request.user`, and checks CSRF tokens of signed-in requests. */
  middleware: RequestHandler[];
  csrf: Csrf;
  store: DatabaseSessionStore;
  /**
   * Starts a new session for `user` (a new id, against session fixation), records the user's sign-in
   * time and returns the session's CSRF token.
   */
  signIn(request: Request, response: Response, user: SessionUser): Promise<string>;
  /** Ends the session and returns a visitor's CSRF token. */
  signOut(request: Request, response: Response): Promise<string>;
}

function promisify(run: (done: (error?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
}

export async function createSessionLayer(
  context: DatabaseContext,
  config: AccountsConfig,
): Promise<SessionLayer> {
  const secret = config.sessionSecret ?? (await getOrCreateSecret(context.db, 'session'));
  const store = new DatabaseSessionStore(context.db, { idleMs: config.sessionIdleMs });
  const csrf = createCsrf({ secret, secureCookies: config.secureCookies });

  const sessions = session({
    name: sessionCookieName,
    secret,
    store,
    resave: false,
    // Visitors get no session row; one is written only when someone signs in.
    saveUninitialized: false,
    // Each response moves the idle expiry forward; `loadUser` enforces the absolute maximum.
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: config.sessionIdleMs,
    },
  });

  const loadUser: RequestHandler = async (request, _response, next) => {
    const data = request.session;
    if (!data?.userId) {
      next();
      return;
    }
    const signedInAt = Date.parse(data.signedInAt ?? '');
    const expired = !Number.isFinite(signedInAt) || Date.now() - signedInAt > config.sessionMaxMs;
    const row = expired ? undefined : await findUserById(context.db, data.userId);
    if (!row) {
      // Expired past the absolute maximum, or the user was deleted: the request continues as a visitor.
      await promisify((done) => data.destroy(done));
      next();
      return;
    }
    request.user = toSessionUser(row);
    next();
  };

  return {
    middleware: [cookieParser(), sessions, loadUser, csrf.protectSignedIn],
    csrf,
    store,
    async signIn(request, response, user) {
      const signedInAt = new Date().toISOString();
      await promisify((done) => request.session.regenerate(done));
      request.session.userId = user.id;
      request.session.signedInAt = signedInAt;
      await promisify((done) => request.session.save(done));
      // Recorded here rather than where credentials are checked, so that every way into a session
      // counts: password and OpenID Connect sign-in, and the automatic sign-in after setup, sign-up
      // or accepting an invitation.
      await context.db
        .updateTable('users')
        .set({ last_sign_in_at: signedInAt })
        .where('id', '=', user.id)
        .execute();
      request.user = user;
      await store.prune();
      return csrf.token(request, response, { renew: true });
    },
    async signOut(request, response) {
      if (request.session) await promisify((done) => request.session.destroy(done));
      request.user = undefined;
      response.clearCookie(sessionCookieName, { path: '/' });
      return csrf.token(request, response, { renew: true });
    },
  };
}
