import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  // The unique (user_id, version_id) pair is what makes a second submission edit the first one.
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plugin_id', 'text', (c) => c.notNull().references('plugins.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('plugin_versions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('image_digest', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text')
    .addColumn('open_report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('reviews_user_version', ['user_id', 'version_id'])
    .addCheckConstraint('reviews_stars_range', sql`stars BETWEEN 1 AND 5`)
    .execute();
  await db.schema.createIndex('reviews_plugin').on('reviews').columns(['plugin_id', 'created_at']).execute();
  await db.schema
    .createIndex('reviews_version')
    .on('reviews')
    .columns(['version_id', 'created_at'])
    .execute();
  await db.schema.createIndex('reviews_reported').on('reviews').columns(['open_report_count']).execute();

  await db.schema
    .createTable('review_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addUniqueConstraint('review_reports_reporter', ['review_id', 'reporter_id'])
    .execute();

  // Rating aggregates kept in the same transaction as every review change. On `plugins` they ride along
  // with the catalog's cached rows (a plugins write bumps the catalog revision), so sorting by rating
  // needs no extra query. `rating_distribution` is a JSON array of five counts, one to five stars.
  await db.schema
    .alterTable('plugins')
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('plugins')
    .addColumn('rating_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('plugins')
    .addColumn('rating_distribution', 'text', (c) => c.notNull().defaultTo('[0,0,0,0,0]'))
    .execute();

  await db.schema
    .createTable('version_ratings')
    .addColumn('version_id', 'text', (c) =>
      c.primaryKey().references('plugin_versions.id').onDelete('cascade'),
    )
    .addColumn('plugin_id', 'text', (c) => c.notNull().references('plugins.id').onDelete('cascade'))
    .addColumn('rating_count', 'integer', (c) => c.notNull())
    .addColumn('rating_sum', 'integer', (c) => c.notNull())
    .addColumn('rating_distribution', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('version_ratings_plugin').on('version_ratings').column('plugin_id').execute();
}
