import type { Logger } from 'pino';
import type { DatabaseContext } from '../db/engine.ts';

// Background work is split into time slots (job name + slot start). The instance whose INSERT of the
// slot row succeeds runs that slot; the others see the conflict and skip it. This runs each job once per
// slot across every API instance sharing the database, with no leader election and no clock agreement
// beyond the slot length.

function slotKey(job: string, slotStart: Date): string {
  return `${job}@${slotStart.toISOString()}`;
}

/** Claims a slot; true when this instance won it and must run the job. */
export async function claimSlot(
  context: DatabaseContext,
  job: string,
  slotStart: Date,
  instance: string,
  now: Date,
): Promise<boolean> {
  return insertRun(context, slotKey(job, slotStart), job, instance, now);
}

async function insertRun(
  context: DatabaseContext,
  slot: string,
  job: string,
  instance: string,
  now: Date,
): Promise<boolean> {
  const result = await context.db
    .insertInto('job_runs')
    .values({ slot, job, instance, started_at: now.toISOString(), finished_at: null, outcome: null })
    .onConflict((conflict) => conflict.column('slot').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function finishSlot(
  context: DatabaseContext,
  job: string,
  slotStart: Date,
  outcome: string,
  now: Date,
): Promise<void> {
  await finishRun(context, slotKey(job, slotStart), outcome, now);
}

async function finishRun(context: DatabaseContext, slot: string, outcome: string, now: Date): Promise<void> {
  await context.db
    .updateTable('job_runs')
    .set({ finished_at: now.toISOString(), outcome })
    .where('slot', '=', slot)
    .execute();
}

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(): Promise<string>;
}

/** Kind of a start-up run: the current slot's run, or a run of its own beside a slot already taken. */
export type StartRunKind = 'slot' | 'start';

export interface Scheduler {
  /** Claims and runs the current slot of a job now; false when another instance already has it. */
  runDue(job: ScheduledJob): Promise<boolean>;
  /**
   * Runs a job now, also when another process owns the current slot. A free slot is claimed, so the timer does not run
   * it again. A slot that is taken (by another instance, or by a process that stopped before this one
   * started) stays as it is, and the run is recorded in `job_runs` under its own key,
   * `<job>@start:<instance>:<time>`.
   */
  runAtStart(job: ScheduledJob): Promise<StartRunKind>;
  stop(): Promise<void>;
}

/**
 * Starts a timer per job that claims each slot and runs the job when this instance won it.
 * `stop()` clears the timers and waits for running jobs, start-up runs included.
 */
export function startScheduler(
  context: DatabaseContext,
  jobs: ScheduledJob[],
  options: { instance: string; logger: Logger; now?: () => Date; autoStart?: boolean },
): Scheduler {
  const now = options.now ?? (() => new Date());
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];

  function tracked<T>(promise: Promise<T>): Promise<T> {
    running.add(promise);
    void promise.then(
      () => running.delete(promise),
      () => running.delete(promise),
    );
    return promise;
  }

  async function execute(job: ScheduledJob, slot: string): Promise<void> {
    let outcome: string;
    try {
      outcome = await job.run();
    } catch (error) {
      options.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      outcome = `failed: ${(error as Error).message}`;
    }
    await finishRun(context, slot, outcome, now());
  }

  async function runDue(job: ScheduledJob): Promise<boolean> {
    const current = now();
    const slotStart = new Date(Math.floor(current.getTime() / job.intervalMs) * job.intervalMs);
    if (!(await claimSlot(context, job.name, slotStart, options.instance, current))) return false;
    await execute(job, slotKey(job.name, slotStart));
    return true;
  }

  async function runAtStart(job: ScheduledJob): Promise<StartRunKind> {
    if (await runDue(job)) return 'slot';
    const started = now();
    const slot = `${job.name}@start:${options.instance}:${started.toISOString()}`;
    await insertRun(context, slot, job.name, options.instance, started);
    await execute(job, slot);
    return 'start';
  }

  if (options.autoStart !== false) {
    for (const job of jobs) {
      // Check a few times per slot, so a slot whose winner crashed before inserting is not missed for long.
      const timer = setInterval(
        () => {
          tracked(runDue(job)).catch((error: unknown) => {
            options.logger.error({ err: error, job: job.name }, 'could not claim a job slot');
          });
        },
        Math.max(1000, Math.floor(job.intervalMs / 4)),
      );
      timer.unref();
      timers.push(timer);
    }
  }

  return {
    runDue: (job) => tracked(runDue(job)),
    runAtStart: (job) => tracked(runAtStart(job)),
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
