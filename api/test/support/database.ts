import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db/connect.ts';

/** A database for one test file: SQLite in a temporary folder, or a new PostgreSQL database. */
export interface TestDatabase {
  target: DatabaseTarget;
  /** Environment variables that point Assay's configuration at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export interface EngineCase {
  engine: 'sqlite' | 'postgres';
  /** True when the engine cannot run here; the test file then skips its cases for that engine. */
  unavailable: boolean;
  create(): Promise<TestDatabase>;
}

const adminUrl = process.env.TEST_DATABASE_URL;

async function createPostgres(): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `assay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { engine: 'postgres', url: url.toString(), poolSize: 4 },
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-db-'));
  return {
    target: { engine: 'sqlite', file: path.join(dir, 'assay.sqlite') },
    env: { DATA_DIR: dir },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Both engines, for `describe.each`. PostgreSQL needs TEST_DATABASE_URL (the test runner sets it);
 * without it the PostgreSQL cases are skipped, and `pnpm test` never runs without it.
 */
export const engineCases: EngineCase[] = [
  { engine: 'sqlite', unavailable: false, create: createSqlite },
  { engine: 'postgres', unavailable: adminUrl === undefined, create: createPostgres },
];
