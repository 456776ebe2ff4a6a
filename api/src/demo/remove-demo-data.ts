import { sql, type Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/record.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { takeInventory } from './data-mode.ts';

// Demo mode serves its layout as docker.io, so every image record, signature, scan report and cache
// entry made while it ran may come from the demo registry, and nothing records which plugins came
// from the demo manifests. The removal therefore clears the whole catalog. Children come before
// parents, so the order also works where a foreign key has no ON DELETE CASCADE.
export const clearedTables = [
  'review_reports',
  'reviews',
  'version_ratings',
  'plugin_verdicts',
  'verdict_changes',
  'signature_results',
  'signature_syncs',
  'manifests',
  'plugin_types',
  'plugin_versions',
  'plugins',
  'scan_findings',
  'scan_digest_summaries',
  'scan_reports',
  'scan_jobs',
  'scan_attestation_checks',
  'tag_cache',
  'registry_manifest_cache',
  'registry_blob_cache',
] as const satisfies readonly (keyof Database)[];

/** SQLite's full-text index of the catalog (an FTS5 table and its shadow tables), cleared with `plugins`. */
export const searchIndexTable = 'plugin_search';

/**
 * Tables the removal keeps: accounts and sessions, the audit log, the trust policy, the job history
 * and the one-row state tables. `signers` keeps the rows administrators added and loses the rest.
 */
export const keptTables = [
  'users',
  'sessions',
  'invitations',
  'setup_tokens',
  'app_secrets',
  'rate_limits',
  'audit_events',
  'trust_policies',
  'job_runs',
  'catalog_state',
  'scan_state',
  'verdict_state',
  'verdict_inputs_state',
  'signers',
] as const satisfies readonly (keyof Database)[];

/** Names and counts of what the removal deleted, for the command's output and the audit entry. */
export interface DemoDataRemoval {
  /** Display names of the removed signers: the demo's and those discovered on images. */
  signers: string[];
  plugins: number;
  versions: number;
  reviews: number;
  scanReports: number;
}

async function countRows(db: Kysely<Database>, table: 'plugin_versions' | 'reviews' | 'scan_reports') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Removes the demo data from a database that ran the demo, in one transaction with its audit entry
 * (action `demo.remove`, by Assay itself). Returns undefined and changes nothing when the database
 * contains no demo signers, so it never clears a real deployment's catalog.
 */
export async function removeDemoData(
  { db, engine }: DatabaseContext,
  now: Date = new Date(),
): Promise<DemoDataRemoval | undefined> {
  return db.transaction().execute(async (trx) => {
    const inventory = await takeInventory(trx);
    if (inventory.demoSigners === 0) return undefined;

    const signers = await trx
      .selectFrom('signers')
      .select('display_name')
      .where('origin', 'in', ['demo', 'discovered'])
      .orderBy('display_name')
      .execute();
    const removal: DemoDataRemoval = {
      signers: signers.map((signer) => signer.display_name),
      plugins: inventory.plugins,
      versions: await countRows(trx, 'plugin_versions'),
      reviews: await countRows(trx, 'reviews'),
      scanReports: await countRows(trx, 'scan_reports'),
    };

    for (const table of clearedTables) await trx.deleteFrom(table).execute();
    if (engine === 'sqlite') await sql`DELETE FROM ${sql.table(searchIndexTable)}`.execute(trx);
    await trx.deleteFrom('signers').where('origin', 'in', ['demo', 'discovered']).execute();
    // The stored verdicts are gone, so the next read computes them from scratch.
    await trx.updateTable('verdict_state').set({ inputs_stamp: null, valid_until: null }).execute();
    await recordAuditEvent(
      trx,
      {
        actor: null,
        action: 'demo.remove',
        targetType: 'database',
        targetId: 'demo-data',
        before: removal,
      },
      now,
    );
    return removal;
  });
}
