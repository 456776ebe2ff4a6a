import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Engine } from './engine.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { createNodeSqliteDialect, openSqlite } from './sqlite-dialect.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export type DatabaseTarget =
  { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string; poolSize?: number };

// PostgreSQL returns BIGINT (int8) as a string by default because it may exceed 2^53; Assay's bigint
// columns hold byte sizes well below that, so they are parsed as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface OpenDatabaseOptions {
  /**
   * Called when an idle PostgreSQL connection fails (a server restart, a dropped network link). The
   * pool replaces the connection; without a listener, Node would end the process on that error.
   */
  onPoolError?: (error: Error) => void;
}

/** Opens the database and applies pending migrations. */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> {
  let db: Kysely<Database>;
  if (target.engine === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
    db = new Kysely<Database>({ dialect: createNodeSqliteDialect(openSqlite(target.file)) });
  } else {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', (error) => {
      if (options.onPoolError) options.onPoolError(error);
      else process.emitWarning(`An idle PostgreSQL connection failed: ${error.message}`);
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  await migrateToLatest(db as Kysely<unknown>, target.engine);
  return { db, engine: target.engine, close: () => db.destroy() };
}
