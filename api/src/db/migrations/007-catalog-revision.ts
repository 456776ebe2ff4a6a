import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // A counter that changes on every write to `plugins`, kept by a trigger so no code path can forget it.
  // Each API instance caches the catalog's summary rows and reloads them when the counter moves, so
  // searches read one small row instead of scanning and faceting the table on every request.
  await db.schema
    .createTable('catalog_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO catalog_state (id, revision) VALUES (1, 0)`.execute(db);

  if (engine === 'postgres') {
    await sql`
      CREATE FUNCTION bump_catalog_revision() RETURNS trigger AS $$
      BEGIN
        UPDATE catalog_state SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql`.execute(db);
    await sql`
      CREATE TRIGGER plugins_revision AFTER INSERT OR UPDATE OR DELETE ON plugins
      FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_revision()`.execute(db);
    await sql`
      CREATE TRIGGER plugin_types_revision AFTER INSERT OR UPDATE OR DELETE ON plugin_types
      FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_revision()`.execute(db);
  } else {
    for (const table of ['plugins', 'plugin_types']) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_${event.toLowerCase()}_revision AFTER ${event} ON ${table}
             BEGIN UPDATE catalog_state SET revision = revision + 1 WHERE id = 1; END`,
          )
          .execute(db);
      }
    }
  }
}
