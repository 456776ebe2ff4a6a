import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

const severityColumns = ['unknown', 'negligible', 'low', 'medium', 'high', 'critical'] as const;

export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  // One row per report of one image digest. `digest` is the digest a plugin version shows (an index
  // or a manifest); `scanned_digest` is the platform manifest the findings describe. `content_key`
  // makes re-imports idempotent: the attestation layer digest, the upload's SHA-256, or the job id.
  let reports = db.schema
    .createTable('scan_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('scanned_digest', 'text', (c) => c.notNull())
    .addColumn('registry_host', 'text', (c) => c.notNull())
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('content_key', 'text', (c) => c.notNull())
    .addColumn('scanner_name', 'text', (c) => c.notNull())
    .addColumn('scanner_vendor', 'text')
    .addColumn('scanner_version', 'text')
    .addColumn('database_version', 'text')
    .addColumn('generated_at', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('signer_ref', 'text')
    .addColumn('signature_status', 'text')
    .addColumn('signature_reason', 'text')
    .addColumn('signature_text', 'text')
    .addColumn('signature_details', 'text')
    .addColumn('uploaded_by_id', 'text')
    .addColumn('uploaded_by_name', 'text')
    .addColumn('job_id', 'text')
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('fixable_count', 'integer', (c) => c.notNull());
  for (const severity of severityColumns) {
    reports = reports
      .addColumn(`count_${severity}`, 'integer', (c) => c.notNull())
      .addColumn(`fixable_${severity}`, 'integer', (c) => c.notNull());
  }
  await reports
    .addColumn('max_cvss', 'double precision')
    .addColumn('highest_severity', 'text')
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addUniqueConstraint('scan_reports_content', ['digest', 'source', 'content_key'])
    .execute();
  await db.schema.createIndex('scan_reports_digest').on('scan_reports').columns(['digest']).execute();

  // Findings are rows rather than one JSON document, so the findings table filters, sorts and pages
  // in SQL and a report with tens of thousands of findings never reaches the browser at once.
  await db.schema
    .createTable('scan_findings')
    .addColumn('report_id', 'text', (c) => c.notNull().references('scan_reports.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('package', 'text', (c) => c.notNull())
    .addColumn('installed_version', 'text', (c) => c.notNull())
    .addColumn('fixed_version', 'text')
    .addColumn('fixable', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('cvss_score', 'double precision')
    .addColumn('cvss_vector', 'text')
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('package_class', 'text')
    .addColumn('package_type', 'text')
    .addColumn('purl', 'text')
    .addColumn('status', 'text')
    .addColumn('data_source', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_findings_pk', ['report_id', 'ordinal'])
    .execute();
  await db.schema
    .createIndex('scan_findings_severity')
    .on('scan_findings')
    .columns(['report_id', 'severity_rank', 'cvss_score'])
    .execute();
  await db.schema
    .createIndex('scan_findings_fixable')
    .on('scan_findings')
    .columns(['report_id', 'fixable', 'severity_rank'])
    .execute();
  await db.schema
    .createIndex('scan_findings_vulnerability')
    .on('scan_findings')
    .columns(['report_id', 'vulnerability_id'])
    .execute();
  await db.schema
    .createIndex('scan_findings_package')
    .on('scan_findings')
    .columns(['report_id', 'package'])
    .execute();

  // The catalog reads one row per digest: the counts of the report a version shows.
  await db.schema
    .createTable('scan_digest_summaries')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('fixable_count', 'integer', (c) => c.notNull())
    .addColumn('count_critical', 'integer', (c) => c.notNull())
    .addColumn('count_high', 'integer', (c) => c.notNull())
    .addColumn('count_medium', 'integer', (c) => c.notNull())
    .addColumn('count_low', 'integer', (c) => c.notNull())
    .addColumn('count_negligible', 'integer', (c) => c.notNull())
    .addColumn('count_unknown', 'integer', (c) => c.notNull())
    .addColumn('highest_severity', 'text')
    .addColumn('generated_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A counter that every write to scan_digest_summaries increments in the same transaction, so each
  // API instance can cache the catalog's severity indicators and reload them only when it moves.
  await db.schema
    .createTable('scan_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO scan_state (id, revision) VALUES (1, 0)`.execute(db);

  // Scan jobs are shared by every API instance. The partial unique index allows one running job per
  // digest, so two instances asked to scan the same image at once start one scan.
  await db.schema
    .createTable('scan_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('scanned_digest', 'text')
    .addColumn('registry_host', 'text')
    .addColumn('repository', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('report_id', 'text')
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_by_name', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await sql`CREATE UNIQUE INDEX scan_jobs_running ON scan_jobs (digest) WHERE state = 'running'`.execute(db);
  await db.schema.createIndex('scan_jobs_digest').on('scan_jobs').columns(['digest', 'started_at']).execute();

  // When the registry was last searched for vulnerability attestations of a digest, and what was found.
  await db.schema
    .createTable('scan_attestation_checks')
    .addColumn('registry_host', 'text', (c) => c.notNull())
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scan_attestation_checks_pk', ['registry_host', 'repository', 'digest'])
    .execute();
}
