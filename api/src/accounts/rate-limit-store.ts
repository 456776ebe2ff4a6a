import { sql, type Kysely } from 'kysely';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../db/schema.ts';

/**
 * express-rate-limit store over the Assay database: fixed windows counted by one atomic upsert, so
 * several API instances share each client's count.
 */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  readonly #db: Kysely<Database>;
  #windowMs = 60_000;

  constructor(db: Kysely<Database>, prefix: string) {
    this.#db = db;
    this.prefix = `${prefix}:`;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.#db
      .selectFrom('rate_limits')
      .select(['hits', 'reset_at'])
      .where('key', '=', this.prefix + key)
      .where('reset_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row ? { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const nowText = now.toISOString();
    const nextReset = new Date(now.getTime() + this.#windowMs).toISOString();
    // A window that has ended restarts at 1 inside the same statement, so concurrent requests never lose a hit.
    const result = await sql<{ hits: number; reset_at: string }>`
      INSERT INTO rate_limits (key, hits, reset_at) VALUES (${this.prefix + key}, 1, ${nextReset})
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN rate_limits.reset_at <= ${nowText} THEN 1 ELSE rate_limits.hits + 1 END,
        reset_at = CASE WHEN rate_limits.reset_at <= ${nowText} THEN ${nextReset} ELSE rate_limits.reset_at END
      RETURNING hits, reset_at`.execute(this.#db);
    const row = result.rows[0];
    if (!row) throw new Error(`rate limit upsert for ${this.prefix}${key} returned no row`);
    return { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.#db
      .updateTable('rate_limits')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('key', '=', this.prefix + key)
      .where('hits', '>', 0)
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.#db
      .deleteFrom('rate_limits')
      .where('key', '=', this.prefix + key)
      .execute();
  }

  /** Deletes counters whose window has ended. */
  async prune(now: Date = new Date()): Promise<void> {
    await this.#db.deleteFrom('rate_limits').where('reset_at', '<=', now.toISOString()).execute();
  }
}
