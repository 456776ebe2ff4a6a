import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import type { ParsedScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import { ScanCoordinator, type ScanJobStore } from '../../src/scans/scan-coordinator.ts';
import { listDigestReports } from '../../src/scans/store/current-report.ts';
import { createDatabaseScanJobStore, findJob } from '../../src/scans/store/job-store.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { startStandInScanner, type StandInScanner } from '../support/scanner/stand-in-scanner.ts';
import { imageDigest, otherDigest } from './fixtures.ts';
import { createTestClient, scanRequest } from './scanner-harness.ts';
import { openTestContext } from './store-harness.ts';

interface Target {
  digest: string;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
let ids = 0;

function coordinatorFor(
  store: ScanJobStore,
  runScan: (target: Target, progress: (step: string) => void) => Promise<ParsedScanReport>,
  staleAfterMs = 60_000,
) {
  return new ScanCoordinator<Target>({
    store,
    runScan,
    describeJob: () => ({ registry: 'registry.test', repository: 'wipp/threshold', reason: 'on-demand' }),
    now: Date.now,
    sleep: () => new Promise((resolve) => setTimeout(resolve, 5)),
    newId: () => `job-${(ids += 1)}-${Math.random().toString(16).slice(2, 8)}`,
    logger: { debug: () => {}, info: () => {}, warn: () => {} },
    staleAfterMs,
    pollIntervalMs: 5,
  });
}

describe.each(engineCases)('scan jobs in the database on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let context: DatabaseContext;
  let scanner: StandInScanner | undefined;
  let store: ScanJobStore;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ context, handle } = await openTestContext(database));
    store = createDatabaseScanJobStore(context.db, {
      now: () => new Date(),
      newId: () => `report-${(ids += 1)}`,
    });
  });

  afterEach(async () => {
    await scanner?.close();
    scanner = undefined;
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it.skipIf(unavailable)('runs one scan for two instances asking at once', async () => {
    scanner = await startStandInScanner({ pendingPolls: 2 });
    const { client } = createTestClient(scanner.url);
    // The scan waits until both instances have claimed, so a fast scan cannot finish before the second asks.
    let release: () => void = () => {};
    const claimed = new Promise<void>((resolve) => (release = resolve));
    const runScan = async (target: Target, progress: (step: string) => void) => {
      await claimed;
      return client.scan({ ...scanRequest({ digest: target.digest }) }, undefined, progress);
    };
    const instanceA = coordinatorFor(store, runScan);
    const instanceB = coordinatorFor(store, runScan);

    const [startedA, startedB] = await Promise.all([
      instanceA.begin({ digest: imageDigest }),
      instanceB.begin({ digest: imageDigest }),
    ]);
    release();
    const [fromA, fromB] = await Promise.all([startedA.finished, startedB.finished]);

    expect(scanner.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(fromA.job.id).toBe(fromB.job.id);
    expect([fromA.joined, fromB.joined].sort()).toEqual([false, true]);
    expect(fromB.job.state).toBe('succeeded');
  });

  it.skipIf(unavailable)('stores the report of a finished job with its findings', async () => {
    const [report] = await listDigestReports(context.db, imageDigest);
    const job = await findJob(context.db, report?.job_id ?? '');

    expect(report).toMatchObject({ source: 'scanner-api', scanner_name: 'Trivy', finding_count: 3 });
    expect(job).toMatchObject({ state: 'succeeded', progress: 'finished', report_id: report?.id });
  });

  it.skipIf(unavailable)('records progress while the scan runs', async () => {
    let release: () => void = () => {};
    const coordinator = coordinatorFor(store, async (_target, progress) => {
      progress('waiting for the report (poll 1)');
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('Scanner http://127.0.0.1:1/api/v1/scan responded with 500 to the scan request');
    });

    const started = await coordinator.begin({ digest: otherDigest });
    while ((await findJob(context.db, started.job.id))?.progress !== 'waiting for the report (poll 1)')
      await tick();
    release();
    const outcome = await started.finished;

    const stored = await findJob(context.db, started.job.id);
    expect(outcome.job.state).toBe('failed');
    expect(stored).toMatchObject({
      state: 'failed',
      error: 'Scanner http://127.0.0.1:1/api/v1/scan responded with 500 to the scan request',
    });
  });

  it.skipIf(unavailable)('replaces a running job whose instance stopped', async () => {
    const stalled = coordinatorFor(store, () => new Promise<ParsedScanReport>(() => {}), 50);
    const abandoned = await stalled.begin({ digest: otherDigest });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const working = coordinatorFor(
      store,
      () =>
        Promise.resolve({
          report: {
            digest: otherDigest,
            source: 'scanner-api',
            format: 'harbor',
            scannerName: 'Trivy',
            findings: [],
          },
          warnings: [],
        }),
      50,
    );

    const outcome = await working.scan({ digest: otherDigest });

    expect(outcome.joined).toBe(false);
    expect(outcome.job.state).toBe('succeeded');
    expect(await findJob(context.db, abandoned.job.id)).toMatchObject({
      state: 'failed',
      progress: 'abandoned',
    });
  });
});
