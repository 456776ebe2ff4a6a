import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ScanJobInfo } from '../../contract/scan.ts';
import type { Database, ScanJobsTable } from '../../db/schema.ts';
import type { ScanJob, ScanJobOutcome, ScanJobState, ScanJobStore } from '../scan-coordinator.ts';
import { saveScanReport } from './save-report.ts';

type JobRow = Selectable<ScanJobsTable>;

export interface DatabaseJobStoreDeps {
  now: () => Date;
  newId: () => string;
}

function rowFromJob(job: ScanJob): Insertable<ScanJobsTable> {
  const details = job.details ?? {};
  return {
    id: job.id,
    digest: job.digest,
    scanned_digest: details.scannedDigest ?? null,
    registry_host: details.registry ?? null,
    repository: details.repository ?? null,
    reason: details.reason ?? 'on-demand',
    state: job.state,
    progress: job.progress ?? '',
    error: job.error ?? null,
    report_id: null,
    requested_by_id: details.requestedBy?.id ?? null,
    requested_by_name: details.requestedBy?.name ?? null,
    started_at: job.startedAt,
    updated_at: job.startedAt,
    finished_at: null,
  };
}

function jobFromRow(row: JobRow): ScanJob {
  const job: ScanJob = {
    id: row.id,
    digest: row.digest,
    state: row.state as ScanJobState,
    startedAt: row.started_at,
    progress: row.progress,
    details: {
      ...(row.registry_host === null ? {} : { registry: row.registry_host }),
      ...(row.repository === null ? {} : { repository: row.repository }),
      ...(row.scanned_digest === null ? {} : { scannedDigest: row.scanned_digest }),
      reason: row.reason === 'scheduled' ? 'scheduled' : 'on-demand',
      ...(row.requested_by_id === null
        ? {}
        : { requestedBy: { id: row.requested_by_id, name: row.requested_by_name ?? '' } }),
    },
  };
  if (row.finished_at !== null) job.finishedAt = row.finished_at;
  if (row.error !== null) job.error = row.error;
  if (row.report_id !== null) job.reportId = row.report_id;
  return job;
}

/** Converts a stored job into the API's shape. */
export function jobInfoFromRow(row: JobRow): ScanJobInfo {
  const info: ScanJobInfo = {
    id: row.id,
    digest: row.digest,
    state: row.state as ScanJobState,
    progress: row.progress,
    reason: row.reason === 'scheduled' ? 'scheduled' : 'on-demand',
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
  if (row.scanned_digest !== null) info.scannedDigest = row.scanned_digest;
  if (row.error !== null) info.error = row.error;
  if (row.report_id !== null) info.reportId = row.report_id;
  if (row.requested_by_name !== null) info.requestedBy = row.requested_by_name;
  if (row.finished_at !== null) info.finishedAt = row.finished_at;
  return info;
}

export async function findJob(db: Kysely<Database>, jobId: string): Promise<JobRow | undefined> {
  return db.selectFrom('scan_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

/** Returns the newest job of a digest, running or finished. */
export async function latestJobForDigest(db: Kysely<Database>, digest: string): Promise<JobRow | undefined> {
  return db
    .selectFrom('scan_jobs')
    .selectAll()
    .where('digest', '=', digest)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

// Three rounds cover a running job that finishes, or goes stale, between the read and the insert.
const maxClaimAttempts = 3;

// Finished jobs are kept this long for the rescan display and the admin's view of recent failures;
// the reports they produced stay in scan_reports.
const keepFinishedJobsMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Creates a ScanJobStore in the database, shared by every instance. The partial unique index on
 * running jobs makes the insert in `claim` fail for a digest that already has one, whichever instance
 * wrote it. `finish` stores the report and its findings in the same transaction as the job's state.
 */
export function createDatabaseScanJobStore(db: Kysely<Database>, deps: DatabaseJobStoreDeps): ScanJobStore {
  return {
    async claim(candidate, staleBefore) {
      for (let attempt = 0; attempt < maxClaimAttempts; attempt += 1) {
        const running = await db
          .selectFrom('scan_jobs')
          .selectAll()
          .where('digest', '=', candidate.digest)
          .where('state', '=', 'running')
          .executeTakeFirst();
        if (running !== undefined && running.started_at > staleBefore) {
          return { job: jobFromRow(running), created: false };
        }
        if (running !== undefined) {
          const now = deps.now().toISOString();
          await db
            .updateTable('scan_jobs')
            .set({
              state: 'failed',
              error: 'Abandoned: the instance running the scan stopped before it finished.',
              progress: 'abandoned',
              updated_at: now,
              finished_at: now,
            })
            .where('id', '=', running.id)
            .where('state', '=', 'running')
            .execute();
        }

        const inserted = await db
          .insertInto('scan_jobs')
          .values(rowFromJob(candidate))
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { job: candidate, created: true };
      }
      throw new Error(
        `Could not claim a scan job for ${candidate.digest}: other instances kept claiming it.`,
      );
    },

    async finish(jobId, outcome: ScanJobOutcome) {
      const keepAfter = new Date(deps.now().getTime() - keepFinishedJobsMs).toISOString();
      await db
        .deleteFrom('scan_jobs')
        .where('state', '!=', 'running')
        .where('finished_at', '<', keepAfter)
        .execute();
      await db.transaction().execute(async (trx) => {
        const job = await findJob(trx, jobId);
        if (job === undefined) throw new Error(`Scan job ${jobId} not found`);
        // A job replaced as abandoned keeps its failed state, and its late outcome is dropped.
        if (job.state !== 'running') return;

        const now = deps.now();
        if (outcome.state === 'failed') {
          await trx
            .updateTable('scan_jobs')
            .set({
              state: 'failed',
              error: outcome.error,
              progress: 'failed',
              updated_at: now.toISOString(),
              finished_at: outcome.finishedAt,
            })
            .where('id', '=', jobId)
            .execute();
          return;
        }

        const reportId = await saveScanReport(
          trx,
          { report: outcome.report, warnings: outcome.warnings },
          {
            digest: job.digest,
            registryHost: job.registry_host ?? '',
            repository: job.repository ?? '',
            contentKey: job.id,
            jobId: job.id,
          },
          { id: deps.newId(), now },
        );
        await trx
          .updateTable('scan_jobs')
          .set({
            state: 'succeeded',
            progress: 'finished',
            report_id: reportId,
            updated_at: now.toISOString(),
            finished_at: outcome.finishedAt,
          })
          .where('id', '=', jobId)
          .execute();
      });
    },

    async get(jobId) {
      const row = await findJob(db, jobId);
      return row === undefined ? undefined : jobFromRow(row);
    },

    async progress(jobId, progress) {
      await db
        .updateTable('scan_jobs')
        .set({ progress, updated_at: deps.now().toISOString() })
        .where('id', '=', jobId)
        .where('state', '=', 'running')
        .execute();
    },
  };
}
