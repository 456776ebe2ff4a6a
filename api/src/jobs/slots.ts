import type { Logger } from 'pino';
import type { DatabaseContext } from '../db/engine.ts';

// Background work is split into time slots (job name + slot start). The instance whose INSERT of the
// slot row succeeds runs that slot; the others see the conflict and skip it. This runs each job once per
// slot across every API instance sharing the database, with no leader election and no clock agreement
// beyond the slot length.

/** Claims a slot; true when this instance won it and must run the job. */
export async function claimSlot(
  context: DatabaseContext,
  job: string,
  slotStart: Date,
  instance: string,
  now: Date,
): Promise<boolean> {
  const result = await context.db
    .insertInto('job_runs')
    .values({
      slot: `${job}@${slotStart.toISOString()}`,
      job,
      instance,
      started_at: now.toISOString(),
      finished_at: null,
      outcome: null,
    })
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
  await context.db
    .updateTable('job_runs')
    .set({ finished_at: now.toISOString(), outcome })
    .where('slot', '=', `${job}@${slotStart.toISOString()}`)
    .execute();
}

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(): Promise<string>;
}

export interface Scheduler {
  /** Claims and runs the current slot of a job now; false when another instance already has it. */
  runDue(job: ScheduledJob): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Starts a timer per job that claims each slot and runs the job when this instance won it.
 * `stop()` clears the timers and waits for running jobs.
 */
export function startScheduler(
  context: DatabaseContext,
  jobs: ScheduledJob[],
  options: { instance: string; logger: Logger; now?: () => Date; autoStart?: boolean },
): Scheduler {
  const now = options.now ?? (() => new Date());
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];

  async function runDue(job: ScheduledJob): Promise<boolean> {
    const current = now();
    const slotStart = new Date(Math.floor(current.getTime() / job.intervalMs) * job.intervalMs);
    if (!(await claimSlot(context, job.name, slotStart, options.instance, current))) return false;
    let outcome: string;
    try {
      outcome = await job.run();
    } catch (error) {
      options.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      outcome = `failed: ${(error as Error).message}`;
    }
    await finishSlot(context, job.name, slotStart, outcome, now());
    return true;
  }

  function track(job: ScheduledJob) {
    const promise = runDue(job).catch((error: unknown) => {
      options.logger.error({ err: error, job: job.name }, 'could not claim a job slot');
    });
    running.add(promise);
    void promise.finally(() => running.delete(promise));
  }

  if (options.autoStart !== false) {
    for (const job of jobs) {
      // Check a few times per slot, so a slot whose winner crashed before inserting is not missed for long.
      const timer = setInterval(() => track(job), Math.max(1000, Math.floor(job.intervalMs / 4)));
      timer.unref();
      timers.push(timer);
    }
  }

  return {
    runDue,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
