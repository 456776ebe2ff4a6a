import type { ScanJobState, ScanReport, ScanReportWarning } from '../contract/scan.ts';
import type { ScanLogger } from './harbor-client.ts';
import type { ParsedScanReport } from './parsers/parse-scan-report.ts';

export type { ScanJobState };

/** One scan of one image digest, as the job store keeps it. */
export interface ScanJob {
  id: string;
  digest: string;
  state: ScanJobState;
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt?: string;
  /** For `succeeded`. */
  report?: ScanReport;
  warnings?: ScanReportWarning[];
  /** For `failed`: a message safe to show to administrators. */
  error?: string;
  /** Current step of the job, for progress displays. */
  progress?: string;
  /** Facts about the target that a database store records, from {@link ScanCoordinatorDeps.describeJob}. */
  details?: ScanJobDetails;
  /** For `succeeded` jobs of a store that keeps reports in their own table. */
  reportId?: string;
}

/** The registry and repository of a job's image, and the requester of the scan. */
export interface ScanJobDetails {
  registry?: string;
  repository?: string;
  /** The platform manifest sent to the scanner, when the job's digest is an index. */
  scannedDigest?: string;
  reason?: 'on-demand' | 'scheduled';
  requestedBy?: { id: string; name: string };
}

export type ScanJobOutcome =
  | { state: 'succeeded'; finishedAt: string; report: ScanReport; warnings: ScanReportWarning[] }
  | { state: 'failed'; finishedAt: string; error: string };

/**
 * Storage of scan jobs, shared by every API instance. A database implementation keeps one running
 * job per digest with a unique index on digest over running jobs, so that of two concurrent claims
 * only one stores its candidate.
 */
export interface ScanJobStore {
  /**
   * Atomically returns the running job for `candidate.digest`, or stores `candidate` as the
   * running job when there is none. A running job that started at or before `staleBefore` is
   * treated as abandoned by a stopped instance and replaced. `created` is true when `candidate` was stored.
   */
  claim(candidate: ScanJob, staleBefore: string): Promise<{ job: ScanJob; created: boolean }>;
  /** Records the outcome of a running job. */
  finish(jobId: string, outcome: ScanJobOutcome): Promise<void>;
  get(jobId: string): Promise<ScanJob | undefined>;
  /** Records what a running job is doing; stores without progress displays may leave it out. */
  progress?(jobId: string, progress: string): Promise<void>;
}

export interface ScanCoordinatorDeps<Target extends { digest: string }> {
  store: ScanJobStore;
  /** Runs the scan itself, for example `HarborScannerClient.scan`, reporting its steps through `progress`. */
  runScan: (target: Target, progress: (step: string) => void) => Promise<ParsedScanReport>;
  /** Facts about the target to store with its job. */
  describeJob?: (target: Target) => ScanJobDetails;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  newId: () => string;
  logger: ScanLogger;
  /**
   * Age in ms after which a running job counts as abandoned. It must be longer than the longest
   * scan (the scanner client's maximum wait plus its request timeouts), or a slow scan is started twice.
   */
  staleAfterMs: number;
  /** Interval in ms at which a request that joined another instance's scan rereads the job. */
  pollIntervalMs: number;
}

export interface ScanOutcome {
  /** The finished job: `succeeded` with its report, or `failed` with the error. */
  job: ScanJob;
  /** True when this request joined a scan that another request had started. */
  joined: boolean;
}

/** A scan that has been claimed: its running job, and a promise of its outcome. */
export interface StartedScan {
  job: ScanJob;
  /** True when the request joined a scan that another request had started. */
  joined: boolean;
  finished: Promise<ScanOutcome>;
}

/**
 * Runs at most one scan per image digest at a time: a request for a digest that is being scanned
 * joins that scan and gets its outcome. Requests in this process join through memory. Requests on
 * other instances join through the store, by polling the job until it finishes.
 */
export class ScanCoordinator<Target extends { digest: string }> {
  readonly #deps: ScanCoordinatorDeps<Target>;
  readonly #inFlight = new Map<string, Promise<StartedScan>>();

  constructor(deps: ScanCoordinatorDeps<Target>) {
    this.#deps = deps;
  }

  /** Scans `target.digest`, or joins the scan already running for it, and resolves when the job has finished. */
  async scan(target: Target): Promise<ScanOutcome> {
    const started = await this.begin(target);
    return started.finished;
  }

  /**
   * Claims a scan of `target.digest`, or joins the one already running, and resolves as soon as the
   * job exists, so a request handler can return the job while the scan goes on.
   */
  begin(target: Target): Promise<StartedScan> {
    const existing = this.#inFlight.get(target.digest);
    if (existing !== undefined) {
      return existing.then((started) => ({
        job: started.job,
        joined: true,
        finished: started.finished.then((outcome) => ({ job: outcome.job, joined: true })),
      }));
    }

    const claimed = this.#claim(target);
    this.#inFlight.set(target.digest, claimed);
    // The entry is removed before the outcome reaches any caller, so a request made after a scan
    // finished starts a new scan instead of joining the finished one.
    const forget = () => {
      if (this.#inFlight.get(target.digest) === claimed) this.#inFlight.delete(target.digest);
    };
    claimed.then((started) => started.finished.finally(forget), forget).catch(() => undefined);
    return claimed;
  }

  async #claim(target: Target): Promise<StartedScan> {
    const { store, now, newId, staleAfterMs } = this.#deps;
    const startedMs = now();
    const candidate: ScanJob = {
      id: newId(),
      digest: target.digest,
      state: 'running',
      startedAt: new Date(startedMs).toISOString(),
      progress: 'starting',
    };
    const details = this.#deps.describeJob?.(target);
    if (details !== undefined) candidate.details = details;

    const { job, created } = await store.claim(candidate, new Date(startedMs - staleAfterMs).toISOString());
    if (!created) return { job, joined: true, finished: this.#waitForJob(job, target) };
    return { job, joined: false, finished: this.#run(job, target) };
  }

  async #run(job: ScanJob, target: Target): Promise<ScanOutcome> {
    const { store, now, logger } = this.#deps;
    logger.info({ jobId: job.id, digest: job.digest }, 'scan started');
    const progress = (step: string) => {
      // Progress is advisory, so a failed write is logged and the scan goes on.
      store.progress?.(job.id, step).catch((error: unknown) => {
        logger.warn({ jobId: job.id, err: error }, 'could not record scan progress');
      });
    };

    let outcome: ScanJobOutcome;
    try {
      const parsed = await this.#deps.runScan(target, progress);
      outcome = {
        state: 'succeeded',
        finishedAt: new Date(now()).toISOString(),
        report: parsed.report,
        warnings: parsed.warnings,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Logged here because the failure is stored, not re-thrown.
      logger.warn({ jobId: job.id, digest: job.digest, err: error }, 'scan failed');
      outcome = { state: 'failed', finishedAt: new Date(now()).toISOString(), error: message };
    }
    await store.finish(job.id, outcome);
    const stored = await store.get(job.id);
    return { job: { ...job, ...stored, ...outcome }, joined: false };
  }

  /** Polls a job that another instance runs until it finishes. Takes the scan over when the job goes stale. */
  async #waitForJob(running: ScanJob, target: Target): Promise<ScanOutcome> {
    const { store, now, sleep, pollIntervalMs, staleAfterMs, logger } = this.#deps;
    const staleAtMs = Date.parse(running.startedAt) + staleAfterMs;

    for (;;) {
      await sleep(pollIntervalMs);
      const job = await store.get(running.id);
      if (job !== undefined && job.state !== 'running') return { job, joined: true };
      if (job === undefined || now() >= staleAtMs) {
        logger.warn({ jobId: running.id, digest: running.digest }, 'scan job abandoned, starting a new scan');
        const started = await this.#claim(target);
        return started.finished;
      }
    }
  }
}

/**
 * Creates a ScanJobStore in process memory, for tests and single-instance deployments. It never
 * removes jobs, so a long-running process keeps every job. A database store should prune old ones.
 */
export function createMemoryScanJobStore(): ScanJobStore {
  const jobs = new Map<string, ScanJob>();
  const runningByDigest = new Map<string, string>();

  return {
    claim(candidate, staleBefore) {
      const runningId = runningByDigest.get(candidate.digest);
      const running = runningId === undefined ? undefined : jobs.get(runningId);
      if (running !== undefined && running.state === 'running' && running.startedAt > staleBefore) {
        return Promise.resolve({ job: { ...running }, created: false });
      }
      if (running !== undefined && running.state === 'running') {
        jobs.set(running.id, {
          ...running,
          state: 'failed',
          error: 'abandoned: the scan did not finish in time',
        });
      }
      jobs.set(candidate.id, { ...candidate });
      runningByDigest.set(candidate.digest, candidate.id);
      return Promise.resolve({ job: { ...candidate }, created: true });
    },
    finish(jobId, outcome) {
      const job = jobs.get(jobId);
      if (job === undefined) return Promise.reject(new Error(`scan job ${jobId} not found`));
      // A job replaced as abandoned keeps its failed state, and its late outcome is dropped.
      if (job.state !== 'running') return Promise.resolve();
      jobs.set(jobId, { ...job, ...outcome });
      if (runningByDigest.get(job.digest) === jobId) runningByDigest.delete(job.digest);
      return Promise.resolve();
    },
    get(jobId) {
      const job = jobs.get(jobId);
      return Promise.resolve(job === undefined ? undefined : { ...job });
    },
    progress(jobId, progress) {
      const job = jobs.get(jobId);
      if (job !== undefined && job.state === 'running') jobs.set(jobId, { ...job, progress });
      return Promise.resolve();
    },
  };
}
