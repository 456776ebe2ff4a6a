import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  // `signer_ref` is what a verification result names: the key fingerprint, or `san|issuer`.
  await db.schema
    .createTable('signers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('signer_ref', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text')
    .addColumn('key_fingerprint', 'text')
    .addColumn('key_algorithm', 'text')
    .addColumn('identity_san', 'text')
    .addColumn('identity_issuer', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_by', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signers_status').on('signers').columns(['status', 'display_name']).execute();

  // One row per version: which digests the last signature lookup covered, and with which signer set.
  await db.schema
    .createTable('signature_syncs')
    .addColumn('version_id', 'text', (c) =>
      c.primaryKey().references('plugin_versions.id').onDelete('cascade'),
    )
    .addColumn('subjects', 'text', (c) => c.notNull())
    .addColumn('trust_fingerprint', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();

  // One row per signature entry found. `entry` keeps the downloaded candidate (JSON, base64 bytes) so
  // that a new signer can be checked against it without asking the registry again.
  await db.schema
    .createTable('signature_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('plugin_versions.id').onDelete('cascade'))
    .addColumn('subject_digest', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('covered_digest', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('kind', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_text', 'text', (c) => c.notNull())
    .addColumn('signer_ref', 'text')
    .addColumn('key_fingerprint', 'text')
    .addColumn('certificate', 'text')
    .addColumn('claims', 'text')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('entry', 'text')
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('signature_results_version')
    .on('signature_results')
    .columns(['version_id', 'subject_digest', 'position'])
    .execute();
  await db.schema
    .createIndex('signature_results_signer')
    .on('signature_results')
    .columns(['signer_ref'])
    .execute();

  // The catalog badge of each plugin's newest version, kept in step by every signature sync and signer change.
  await db.schema
    .alterTable('plugins')
    .addColumn('signature_state', 'text', (c) => c.notNull().defaultTo('unsigned'))
    .execute();
  await db.schema.createIndex('plugins_signature_state').on('plugins').columns(['signature_state']).execute();
}
