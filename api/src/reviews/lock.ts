import type { Transaction } from 'kysely';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';

/**
 * Serialises review writes per plugin. PostgreSQL locks the plugin row until commit; SQLite needs no
 * lock because Kysely's SQLite driver runs one transaction at a time on its single connection.
 */
export async function lockPlugin(trx: Transaction<Database>, context: DatabaseContext, pluginId: string) {
  if (context.engine !== 'postgres') return;
  await trx.selectFrom('plugins').select('id').where('id', '=', pluginId).forUpdate().execute();
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 40P01 deadlock_detected, 40001 serialization_failure: PostgreSQL rolled back; running again is safe.
  return code === '40P01' || code === '40001';
}

/** Runs `work` in a transaction, again up to twice when PostgreSQL aborts it for a deadlock. */
export async function inReviewTransaction<T>(
  context: DatabaseContext,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await context.db.transaction().execute(work);
    } catch (error) {
      if (attempt >= 3 || !isRetryable(error)) throw error;
    }
  }
}
