import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Engine } from './engine.ts';
import * as catalog from './migrations/001-catalog.ts';
import * as audit from './migrations/002-audit.ts';
import * as catalogRevision from './migrations/007-catalog-revision.ts';
import * as verdictInputsRevision from './migrations/009-verdict-inputs-revision.ts';
import * as accounts from './migrations/003-accounts.ts';
import * as signers from './migrations/004-signers.ts';
import * as scans from './migrations/005-scans.ts';
import * as reviews from './migrations/006-reviews.ts';
import * as trustPolicy from './migrations/008-trust-policy.ts';
import * as scanSummaryVerified from './migrations/010-scan-summary-verified.ts';

type EngineMigration = { up(db: Kysely<unknown>, engine: Engine): Promise<void> };

// Migrations are listed in code, not discovered on disk, so the order is explicit and a build needs no glob.
const migrations: Record<string, EngineMigration> = {
  '001-catalog': catalog,
  '002-audit': audit,
  '007-catalog-revision': catalogRevision,
  '003-accounts': accounts,
  '004-signers': signers,
  '005-scans': scans,
  '006-reviews': reviews,
  '008-trust-policy': trustPolicy,
  '009-verdict-inputs-revision': verdictInputsRevision,
  '010-scan-summary-verified': scanSummaryVerified,
};

function providerFor(engine: Engine): MigrationProvider {
  return {
    async getMigrations() {
      const result: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) {
        result[name] = { up: (db) => migration.up(db, engine) };
      }
      return result;
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // Unordered migrations are allowed so a database that already has a later migration still takes an
  // earlier-numbered one added by a parallel branch.
  const migrator = new Migrator({ db, provider: providerFor(engine), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error });
  }
}
