import session from 'express-session';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Session data Assay keeps beyond express-session's cookie. */
export interface AssaySessionData {
  userId?: string;
  /** ISO time of sign-in; the session ends this long after it whatever the activity (absolute maximum). */
  signedInAt?: string;
  /** OpenID Connect state, nonce and PKCE verifier between the redirect and the callback. */
  oidc?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
}

declare module 'express-session' {
  // Declaration merging is how express-session lets applications type their session data.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SessionData extends AssaySessionData {}
}

type Callback = (error?: unknown) => void;

function expiryOf(data: session.SessionData, fallbackMs: number): Date {
  const expires = data.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + fallbackMs);
}

/**
 * express-session store over the Assay database, so every API instance reads the same sessions. Rows
 * carry the user id, which lets deleting a user delete its sessions in the same transaction.
 */
export class DatabaseSessionStore extends session.Store {
  readonly #db: Kysely<Database>;
  readonly #idleMs: number;
  /** Skips the write of a touch that would move the expiry by less than this, to spare one write per request. */
  readonly #touchGranularityMs: number;

  constructor(db: Kysely<Database>, options: { idleMs: number; touchGranularityMs?: number }) {
    super();
    this.#db = db;
    this.#idleMs = options.idleMs;
    this.#touchGranularityMs = options.touchGranularityMs ?? 60_000;
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    const now = new Date().toISOString();
    this.#db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then(async (row) => {
        if (!row) return null;
        if (row.expires_at <= now) {
          await this.#db.deleteFrom('sessions').where('sid', '=', sid).execute();
          return null;
        }
        return JSON.parse(row.data) as session.SessionData;
      })
      .then(
        (data) => callback(null, data),
        (error: unknown) => callback(error),
      );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const row = {
      sid,
      user_id: data.userId ?? null,
      data: JSON.stringify(data),
      expires_at: expiryOf(data, this.#idleMs).toISOString(),
    };
    this.#db
      .insertInto('sessions')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('sid')
          .doUpdateSet({ user_id: row.user_id, data: row.data, expires_at: row.expires_at }),
      )
      .execute()
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = expiryOf(data, this.#idleMs);
    const threshold = new Date(expires.getTime() - this.#touchGranularityMs).toISOString();
    this.#db
      .updateTable('sessions')
      .set({ expires_at: expires.toISOString() })
      .where('sid', '=', sid)
      .where('expires_at', '<', threshold)
      .execute()
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }

  override destroy(sid: string, callback?: Callback): void {
    this.#db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(
        () => callback?.(),
        (error: unknown) => callback?.(error),
      );
  }

  /** Deletes expired rows; called after sign-in so the table does not grow without bound. */
  async prune(now: Date = new Date()): Promise<void> {
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  }
}

/**
 * Ends every session of a user except `keepSessionId` (the request's own session, when the user acts
 * on their own account), so that a changed password or a lost admin role signs out other browsers.
 * Returns how many sessions ended.
 */
export async function endUserSessions(
  db: Kysely<Database>,
  userId: string,
  keepSessionId?: string,
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) query = query.where('sid', '!=', keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
