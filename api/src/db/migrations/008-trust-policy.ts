import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

// The first policy version, written out here rather than imported, so that this migration creates the
// same row whatever the application's default later becomes.
const firstPolicy = {
  signerRule: 'approved-in-scope',
  maxScanAgeDays: 7,
  failSeverities: ['critical'],
  fixableOnly: true,
  exceptions: [],
};

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // Every edit of the trust policy adds a version; the highest version is the policy in force.
  await db.schema
    .createTable('trust_policies')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`
    INSERT INTO trust_policies (version, document, author_id, author_name, reason, created_at)
    VALUES (1, ${JSON.stringify(firstPolicy)}, NULL, NULL,
            ${'The default policy: approved signers within their scope, a scan younger than 7 days, no critical finding that has a fix.'},
            ${new Date().toISOString()})`.execute(db);

  // The verdict of each plugin's newest version, for the catalog's badge, filter and sort. `reasons`
  // is JSON: the reasons without their evidence links.
  await db.schema
    .createTable('plugin_verdicts')
    .addColumn('plugin_id', 'text', (c) => c.primaryKey().references('plugins.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('digest', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('scan_status', 'text', (c) => c.notNull())
    .addColumn('scan_generated_at', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plugin_verdicts_verdict').on('plugin_verdicts').columns(['verdict']).execute();

  // Each change of a stored verdict, for the admin overview's "changed recently".
  await db.schema
    .createTable('verdict_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('previous', 'text', (c) => c.notNull())
    .addColumn('current', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verdict_changes_time').on('verdict_changes').columns(['changed_at']).execute();

  // One row (id 1): the fingerprint of the inputs the stored verdicts were computed from, and the
  // earliest time at which one of them changes by itself (a scan ageing out, an exception expiring).
  await db.schema
    .createTable('verdict_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('inputs_stamp', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('refreshed_at', 'text')
    .execute();
  await sql`INSERT INTO verdict_state (id, inputs_stamp, valid_until, refreshed_at) VALUES (1, NULL, NULL, NULL)`.execute(
    db,
  );

  // The audit log is append-only in the database too, so a bug or a new route cannot rewrite history.
  if (engine === 'postgres') {
    await sql`
      CREATE FUNCTION reject_audit_event_change() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP;
      END
      $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION reject_audit_event_change()`.execute(db);
    await sql`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_event_change()`.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER audit_events_no_${event.toLowerCase()} BEFORE ${event} ON audit_events
           BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: ${event} is not allowed'); END`,
        )
        .execute(db);
    }
  }
}
