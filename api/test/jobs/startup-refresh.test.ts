import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { VersionDetail } from '../../src/contract/catalog.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { claimSlot, startScheduler, type ScheduledJob } from '../../src/jobs/slots.ts';
import { createAssayServer, type AssayServer } from '../../src/server.ts';
import { fixtureManifestDir } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage, startRegistry, type TestRegistry } from '../support/registry/index.ts';

const logger = pino({ level: 'silent' });
const hourMs = 60 * 60 * 1000;

/** Creates a job that counts its runs. */
function countingJob(name: string): ScheduledJob & { runs: number } {
  const job = {
    name,
    intervalMs: hourMs,
    runs: 0,
    run: async () => {
      job.runs += 1;
      return `run ${job.runs}`;
    },
  };
  return job;
}

describe.each(engineCases)('scheduler start-up runs on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  const slotStart = new Date('2025-03-04T05:00:00Z');
  const inSlot = new Date('2025-03-04T05:20:00Z');

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    handle = await openDatabase(database.target);
  });

  afterAll(async () => {
    if (unavailable) return;
    await handle.close();
    await database.drop();
  });

  function runsOf(job: string) {
    return handle.db
      .selectFrom('job_runs')
      .selectAll()
      .where('job', '=', job)
      .orderBy('started_at')
      .execute();
  }

  it.skipIf(unavailable)('runs although a stopped process owns the slot', async () => {
    const job = countingJob('owned-by-dead');
    // The process before the restart claimed this slot and stopped.
    await claimSlot(handle, job.name, slotStart, 'stopped-process', slotStart);
    const scheduler = startScheduler(handle, [job], {
      instance: 'restarted',
      logger,
      now: () => inSlot,
      autoStart: false,
    });

    const kind = await scheduler.runAtStart(job);

    expect(kind).toBe('start');
    expect(job.runs).toBe(1);
    const runs = await runsOf(job.name);
    expect(runs.map((run) => run.instance)).toEqual(['stopped-process', 'restarted']);
    expect(runs[1]).toMatchObject({
      slot: `owned-by-dead@start:restarted:${inSlot.toISOString()}`,
      outcome: 'run 1',
      finished_at: inSlot.toISOString(),
    });
  });

  it.skipIf(unavailable)('leaves the owned slot to its owner', async () => {
    const job = countingJob('owned-by-dead');
    const scheduler = startScheduler(handle, [job], {
      instance: 'restarted',
      logger,
      now: () => inSlot,
      autoStart: false,
    });

    expect(await scheduler.runDue(job)).toBe(false);
    expect(job.runs).toBe(0);
  });

  it.skipIf(unavailable)('claims a free slot, so the timer does not run it again', async () => {
    const job = countingJob('free-slot');
    const scheduler = startScheduler(handle, [job], {
      instance: 'first',
      logger,
      now: () => inSlot,
      autoStart: false,
    });

    expect(await scheduler.runAtStart(job)).toBe('slot');
    expect(await scheduler.runDue(job)).toBe(false);
    expect(job.runs).toBe(1);
    expect((await runsOf(job.name)).map((run) => run.slot)).toEqual([`free-slot@${slotStart.toISOString()}`]);
  });

  it.skipIf(unavailable)('runs each slot once across instances', async () => {
    const job = countingJob('shared-slot');
    const schedulers = ['a', 'b', 'c'].map((instance) =>
      startScheduler(handle, [job], { instance, logger, now: () => inSlot, autoStart: false }),
    );

    const ran = await Promise.all(schedulers.map((scheduler) => scheduler.runDue(job)));

    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(job.runs).toBe(1);
  });
});

describe.each(engineCases)('a restart within one refresh slot on $engine', ({ unavailable, create }) => {
  let registry: TestRegistry;
  let database: TestDatabase;
  let manifestDir: string;
  let dataDir: string;
  let server: AssayServer | undefined;
  const base = JSON.parse(
    readFileSync(
      path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;

  beforeAll(async () => {
    if (unavailable) return;
    registry = await startRegistry();
    await pushImage(registry.url, 'plugins/first', '1.0.0', { content: 'first' });
    await pushImage(registry.url, 'plugins/second', '1.0.0', { content: 'second' });
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-restart-manifests-'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-restart-data-'));
    addManifest('first');
    database = await create();
  });

  afterAll(async () => {
    if (unavailable) return;
    await server?.stop();
    await database.drop();
    await registry.stop();
    rmSync(manifestDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  function addManifest(name: string) {
    const manifest = {
      ...base,
      name,
      title: name,
      version: '1.0.0',
      containerId: `${registry.host}/plugins/${name}:1.0.0`,
    };
    writeFileSync(path.join(manifestDir, `${name}__plugin.json`), JSON.stringify(manifest));
  }

  /** Starts a server with background timers on, as `node api/src/main.ts` does, and waits for its first refresh. */
  async function startServer(instance: string): Promise<{ server: AssayServer; url: string }> {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ASSAY_DEMO: 'false',
      ASSAY_WEB_DIR: path.join(dataDir, 'no-web-app'),
      ASSAY_MANIFEST_DIR: manifestDir,
      // A day-long slot, so both starts fall into the same slot.
      ASSAY_REFRESH_INTERVAL_SECONDS: '86400',
      ASSAY_REGISTRIES: JSON.stringify([{ host: registry.host, url: registry.url }]),
      ...database.env,
    });
    const started = await createAssayServer(config, { logger, instance });
    const url = await started.start();
    await started.startupRefresh;
    return { server: started, url };
  }

  async function imageStatus(url: string, plugin: string) {
    const response = await fetch(`${url}/api/v1/plugins/${plugin}/versions/1.0.0`);
    return ((await response.json()) as VersionDetail).image.status;
  }

  it.skipIf(unavailable)('resolves a version added before the restart at once', async () => {
    const first = await startServer('before-restart');
    server = first.server;
    expect(await imageStatus(first.url, 'first')).toBe('resolved');
    await first.server.stop();
    addManifest('second');

    const second = await startServer('after-restart');
    server = second.server;

    expect(await imageStatus(second.url, 'second')).toBe('resolved');
    const runs = await second.server.database.db
      .selectFrom('job_runs')
      .select(['slot', 'instance'])
      .where('job', '=', 'catalog-refresh')
      .orderBy('started_at')
      .execute();
    expect(runs.map((run) => run.instance)).toEqual(['before-restart', 'after-restart']);
    expect(runs[1]!.slot).toMatch(/^catalog-refresh@start:after-restart:/);
  });
});
