import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ScanJobInfo } from '../contract/scan.ts';
import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import { AppError } from '../http/errors.ts';
import type { ScanReadDeps } from './deps.ts';
import { HarborScannerClient, defaultHarborScannerConfig } from './harbor-client.ts';
import { ScanCoordinator, type StartedScan } from './scan-coordinator.ts';
import { scopedRegistryAuthorization } from './scanner/registry-credential.ts';
import { buildScanTarget, ScanTargetError, type ScanTarget } from './scanner/scan-target.ts';
import { createDatabaseScanJobStore, findJob, jobInfoFromRow } from './store/job-store.ts';
import { findVersionImage, type VersionImage } from './version-image.ts';

/** A scan target with who asked for it. */
export interface RescanTarget extends ScanTarget {
  reason: 'on-demand' | 'scheduled';
  requestedBy?: AuditActor;
}

export interface ScanRunner {
  coordinator: ScanCoordinator<RescanTarget>;
}

export interface ScanRunnerDeps extends ScanReadDeps {
  logger: Logger;
  fetch: typeof fetch;
}

/**
 * Builds the coordinator that runs scans through the configured scanner, with jobs in the database;
 * undefined when no scanner is configured.
 */
export function createScanRunner(deps: ScanRunnerDeps): ScanRunner | undefined {
  const url = deps.config.scannerUrl;
  if (url === undefined) return undefined;

  const logger = deps.logger.child({ scanner: new URL(url).origin });
  const scannerConfig = {
    ...defaultHarborScannerConfig,
    url,
    reportLimits: { ...defaultHarborScannerConfig.reportLimits, maxBytes: deps.config.maxReportBytes },
    ...(deps.config.scannerAuthorization === undefined
      ? {}
      : { auth: { header: 'Authorization', value: deps.config.scannerAuthorization } }),
  };
  const client = new HarborScannerClient(scannerConfig, {
    fetch: deps.fetch,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        });
      }),
    now: Date.now,
    logger,
  });

  const coordinator = new ScanCoordinator<RescanTarget>({
    store: createDatabaseScanJobStore(deps.context.db, { now: deps.now, newId: randomUUID }),
    runScan: async (target, progress) => {
      progress('requesting a pull credential for the scanner');
      const authorization = await scopedRegistryAuthorization(target.registry, target.repository, {
        fetch: deps.fetch,
        now: Date.now,
        logger: deps.logger,
      });
      return client.scan(
        {
          registry: {
            url: new URL(target.registry.url).origin,
            ...(authorization === undefined ? {} : { authorization }),
          },
          artifact: {
            repository: target.repository,
            digest: target.scannedDigest,
            mimeType: target.mimeType,
            ...(target.tag === undefined ? {} : { tag: target.tag }),
          },
        },
        undefined,
        progress,
      );
    },
    describeJob: (target) => ({
      registry: target.registry.host,
      repository: target.repository,
      scannedDigest: target.scannedDigest,
      reason: target.reason,
      ...(target.requestedBy === undefined ? {} : { requestedBy: target.requestedBy }),
    }),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newId: randomUUID,
    logger,
    // Longer than the longest scan: the maximum report wait plus the requests around it.
    staleAfterMs: scannerConfig.maxWaitMs + 5 * scannerConfig.requestTimeoutMs,
    pollIntervalMs: 2_000,
  });
  return { coordinator };
}

async function targetFor(deps: ScanRunnerDeps, image: VersionImage): Promise<ScanTarget> {
  try {
    return await buildScanTarget(image, deps.registries, deps.directory);
  } catch (error) {
    if (error instanceof ScanTargetError) throw new AppError('conflict', error.message);
    throw error;
  }
}

/** Logs a scan's failure to store its outcome; the scan's own failure is already stored on its job. */
function watch(started: StartedScan, logger: Logger): void {
  started.finished.catch((error: unknown) => {
    logger.error(
      { jobId: started.job.id, digest: started.job.digest, err: error },
      'scan job could not be finished',
    );
  });
}

/**
 * Starts a scan of a version's image through the configured scanner, or joins the one running for
 * its digest, and returns the job at once. The request is recorded in the audit log.
 *
 * NOTE: the audit event is written right after the job row, not in the same transaction, because
 * the job is claimed through the coordinator's store, which other instances share.
 */
export async function requestRescan(
  deps: ScanRunnerDeps,
  runner: ScanRunner | undefined,
  name: string,
  versionName: string,
  audit: { actor: AuditActor; requestId: string; ip: string | undefined },
): Promise<ScanJobInfo> {
  if (runner === undefined) {
    throw new AppError(
      'conflict',
      'No scanner is configured; set ASSAY_SCANNER_URL to a Harbor-API scanner adapter.',
    );
  }
  const image = await findVersionImage(deps.context, name, versionName);
  const target = await targetFor(deps, image);

  const started = await runner.coordinator.begin({
    ...target,
    reason: 'on-demand',
    requestedBy: audit.actor,
  });
  watch(started, deps.logger);
  await recordAuditEvent(deps.context.db, {
    actor: audit.actor,
    action: 'scan.rescan',
    targetType: 'image',
    targetId: target.digest,
    after: {
      jobId: started.job.id,
      joined: started.joined,
      plugin: image.pluginId,
      version: image.version,
      scannedDigest: target.scannedDigest,
    },
    requestId: audit.requestId,
    ...(audit.ip === undefined ? {} : { ip: audit.ip }),
  });

  const row = await findJob(deps.context.db, started.job.id);
  if (row === undefined) throw new AppError('not-found', `Scan job ${started.job.id} was not found.`);
  return jobInfoFromRow(row);
}

/** Returns one scan job; throws `not-found` for an unknown id. */
export async function getScanJob(deps: Pick<ScanReadDeps, 'context'>, jobId: string): Promise<ScanJobInfo> {
  const row = await findJob(deps.context.db, jobId);
  if (row === undefined) throw new AppError('not-found', `No scan job with id "${jobId}".`);
  return jobInfoFromRow(row);
}

/**
 * Rescans the newest version of every plugin whose image a scanner can pull, one at a time. A failing
 * version is counted and the others go on. Returns a one-line summary for the job log.
 */
export async function rescanLatestVersions(
  deps: ScanRunnerDeps,
  runner: ScanRunner,
  shouldStop: () => boolean,
): Promise<string> {
  const latest = await deps.context.db
    .selectFrom('plugins')
    .innerJoin('plugin_versions as v', 'v.id', 'plugins.latest_version_id')
    .select(['plugins.id as plugin', 'v.version'])
    .orderBy('plugins.id')
    .execute();

  const counts = { scanned: 0, failed: 0, skipped: 0 };
  for (const { plugin, version } of latest) {
    if (shouldStop()) break;
    let target: ScanTarget;
    try {
      target = await buildScanTarget(
        await findVersionImage(deps.context, plugin, version),
        deps.registries,
        deps.directory,
      );
    } catch (error) {
      counts.skipped += 1;
      if (!(error instanceof ScanTargetError)) {
        deps.logger.warn({ plugin, version, err: error }, 'scheduled rescan skipped a version');
      }
      continue;
    }
    try {
      const outcome = await runner.coordinator.scan({ ...target, reason: 'scheduled' });
      if (outcome.job.state === 'succeeded') counts.scanned += 1;
      else counts.failed += 1;
    } catch (error) {
      // The scan's own failures are stored on its job; this is a failure to store one, logged once here.
      counts.failed += 1;
      deps.logger.error(
        { plugin, version, digest: target.digest, err: error },
        'scheduled rescan could not record its job',
      );
    }
  }
  return `scanned ${counts.scanned}, failed ${counts.failed}, skipped ${counts.skipped}`;
}
