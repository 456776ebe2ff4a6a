import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const bytes = engine === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('plugins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('repository', 'text')
    .addColumn('website', 'text')
    .addColumn('citation', 'text')
    .addColumn('latest_version', 'text', (c) => c.notNull())
    .addColumn('latest_version_id', 'text', (c) => c.notNull())
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('version_count', 'integer', (c) => c.notNull())
    .addColumn('input_types', 'text', (c) => c.notNull())
    .addColumn('output_types', 'text', (c) => c.notNull())
    .addColumn('registry_state', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plugin_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull().references('plugins.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('primary_manifest_id', 'text')
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('image_registry', 'text', (c) => c.notNull())
    .addColumn('image_repository', 'text', (c) => c.notNull())
    .addColumn('image_reference', 'text', (c) => c.notNull())
    .addColumn('registered_digest', 'text')
    .addColumn('current_digest', 'text')
    .addColumn('resolution_status', 'text', (c) => c.notNull())
    .addColumn('resolution_error', 'text')
    .addColumn('media_type', 'text')
    .addColumn('platforms', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint')
    .addColumn('image_created', 'text')
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('other_tags', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plugin_versions_plugin_version', ['plugin_id', 'version'])
    .execute();
  await db.schema
    .createIndex('plugin_versions_image')
    .on('plugin_versions')
    .columns(['image_registry', 'image_repository'])
    .execute();

  // One row per plugin and input or output type of its newest version, for type filters and facets.
  await db.schema
    .createTable('plugin_types')
    .addColumn('plugin_id', 'text', (c) => c.notNull().references('plugins.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plugin_types_pk', ['plugin_id', 'direction', 'type'])
    .execute();
  await db.schema
    .createIndex('plugin_types_type')
    .on('plugin_types')
    .columns(['direction', 'type'])
    .execute();

  await db.schema
    .createTable('manifests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('plugin_versions.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('normalised', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('manifests_version_source', ['version_id', 'source'])
    .execute();

  await db.schema
    .createTable('registry_manifest_cache')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('body', sql.raw(bytes), (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_manifest_cache_pk', ['host', 'digest'])
    .execute();

  await db.schema
    .createTable('registry_blob_cache')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('body', sql.raw(bytes), (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_blob_cache_pk', ['host', 'digest'])
    .execute();

  await db.schema
    .createTable('tag_cache')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_cache_pk', ['host', 'repository', 'tag'])
    .execute();

  await db.schema
    .createTable('job_runs')
    .addColumn('slot', 'text', (c) => c.primaryKey())
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .execute();

  // Full-text search over name, title, description, author and institution: FTS5 in SQLite, a
  // GIN-indexed tsvector expression in PostgreSQL. The catalog keeps search_text in step on every write.
  if (engine === 'postgres') {
    await sql`CREATE INDEX plugins_search ON plugins USING gin (to_tsvector('simple', search_text))`.execute(
      db,
    );
  } else {
    await sql`CREATE VIRTUAL TABLE plugin_search USING fts5(plugin_id UNINDEXED, search_text, tokenize = 'unicode61')`.execute(
      db,
    );
  }
}
