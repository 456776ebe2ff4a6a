import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

// Tables whose rows the trust verdict reads, besides plugins (catalog_state) and scan reports
// (scan_state), which have revision counters of their own.
const verdictInputTables = [
  'signers',
  'signature_results',
  'signature_syncs',
  'plugin_versions',
  'trust_policies',
];

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // A counter that a trigger bumps on every write to a verdict input. Comparing it with the value the
  // stored verdicts were computed from is one primary-key read, where counting and scanning the input
  // tables on every catalog search took milliseconds at a few thousand versions.
  await db.schema
    .createTable('verdict_inputs_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO verdict_inputs_state (id, revision) VALUES (1, 0)`.execute(db);

  if (engine === 'postgres') {
    await sql`
      CREATE FUNCTION bump_verdict_inputs_revision() RETURNS trigger AS $$
      BEGIN
        UPDATE verdict_inputs_state SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql`.execute(db);
    for (const table of verdictInputTables) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_verdict_inputs AFTER INSERT OR UPDATE OR DELETE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION bump_verdict_inputs_revision()`,
        )
        .execute(db);
    }
    return;
  }
  for (const table of verdictInputTables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_${event.toLowerCase()}_verdict_inputs AFTER ${event} ON ${table}
           BEGIN UPDATE verdict_inputs_state SET revision = revision + 1 WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}
