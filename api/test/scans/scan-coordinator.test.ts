import { afterEach, describe, expect, it } from 'vitest';
import type { ScanRequestInput } from '../../src/scans/harbor-client.ts';
import type { ParsedScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import {
  createMemoryScanJobStore,
  ScanCoordinator,
  type ScanCoordinatorDeps,
  type ScanJobStore,
} from '../../src/scans/scan-coordinator.ts';
import { startStandInScanner, type StandInScanner } from '../support/scanner/stand-in-scanner.ts';
import { imageDigest, otherDigest } from './fixtures.ts';
import { createTestClient, scanRequest } from './scanner-harness.ts';

interface Target {
  digest: string;
}

function emptyReport(digest: string): ParsedScanReport {
  return {
    report: { digest, source: 'scanner-api', format: 'harbor', scannerName: 'Trivy', findings: [] },
    warnings: [],
  };
}

/** Returns a scan function whose runs finish only when the test calls their `finish` or `fail`. */
function controlledScans() {
  const runs: Array<{ target: Target; finish: () => void; fail: (error: Error) => void }> = [];
  const runScan = (target: Target) =>
    new Promise<ParsedScanReport>((resolve, reject) => {
      runs.push({ target, finish: () => resolve(emptyReport(target.digest)), fail: reject });
    });
  return { runs, runScan };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function createCoordinator<T extends Target>(
  store: ScanJobStore,
  runScan: (target: T) => Promise<ParsedScanReport>,
  clock: { ms: number },
  overrides: Partial<ScanCoordinatorDeps<T>> = {},
) {
  let nextId = 0;
  const warnings: string[] = [];
  const coordinator = new ScanCoordinator<T>({
    store,
    runScan,
    now: () => clock.ms,
    sleep: async (ms) => {
      clock.ms += ms;
      await tick();
    },
    newId: () => `job-${(nextId += 1)}-${Math.random().toString(16).slice(2, 8)}`,
    logger: { debug: () => {}, info: () => {}, warn: (_fields, message) => warnings.push(message) },
    staleAfterMs: 20 * 60_000,
    pollIntervalMs: 1_000,
    ...overrides,
  });
  return { coordinator, warnings };
}

let scanner: StandInScanner | undefined;

afterEach(async () => {
  await scanner?.close();
  scanner = undefined;
});

describe('ScanCoordinator', () => {
  it('sends one scan to the scanner for concurrent requests of one digest', async () => {
    scanner = await startStandInScanner({ pendingPolls: 2 });
    const { client } = createTestClient(scanner.url);
    const { coordinator } = createCoordinator<ScanRequestInput['artifact'] & Target>(
      createMemoryScanJobStore(),
      (artifact) => client.scan({ ...scanRequest(), artifact }),
      { ms: Date.now() },
    );
    const artifact = scanRequest().artifact;

    const outcomes = await Promise.all([
      coordinator.scan(artifact),
      coordinator.scan(artifact),
      coordinator.scan(artifact),
    ]);

    expect(scanner.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.joined)).toEqual([false, true, true]);
    expect(new Set(outcomes.map((outcome) => outcome.job.id)).size).toBe(1);
    expect(outcomes[0]?.job.state).toBe('succeeded');
    expect(outcomes[0]?.job.report?.findings).toHaveLength(3);
  });

  it('scans different digests separately', async () => {
    const { runs, runScan } = controlledScans();
    const { coordinator } = createCoordinator(createMemoryScanJobStore(), runScan, { ms: 0 });

    const first = coordinator.scan({ digest: imageDigest });
    const second = coordinator.scan({ digest: otherDigest });
    await tick();
    for (const run of runs) run.finish();

    expect(runs.map((run) => run.target.digest)).toEqual([imageDigest, otherDigest]);
    expect((await first).joined).toBe(false);
    expect((await second).joined).toBe(false);
  });

  it('starts a new scan after the previous one finished', async () => {
    const { runs, runScan } = controlledScans();
    const { coordinator } = createCoordinator(createMemoryScanJobStore(), runScan, { ms: 0 });

    const first = coordinator.scan({ digest: imageDigest });
    await tick();
    runs[0]?.finish();
    await first;
    const second = coordinator.scan({ digest: imageDigest });
    await tick();
    runs[1]?.finish();

    expect(runs).toHaveLength(2);
    expect((await second).job.id).not.toBe((await first).job.id);
  });

  it('gives every joined request the failure', async () => {
    const { runs, runScan } = controlledScans();
    const { coordinator, warnings } = createCoordinator(createMemoryScanJobStore(), runScan, { ms: 0 });

    const first = coordinator.scan({ digest: imageDigest });
    const second = coordinator.scan({ digest: imageDigest });
    await tick();
    runs[0]?.fail(
      new Error('Scanner http://127.0.0.1:1/api/v1/metadata could not be reached (ECONNREFUSED)'),
    );

    for (const outcome of [await first, await second]) {
      expect(outcome.job.state).toBe('failed');
      expect(outcome.job.error).toBe(
        'Scanner http://127.0.0.1:1/api/v1/metadata could not be reached (ECONNREFUSED)',
      );
    }
    expect(warnings).toEqual(['scan failed']);
  });

  it('joins a scan that another instance runs through the store', async () => {
    const store = createMemoryScanJobStore();
    const clock = { ms: 0 };
    const { runs, runScan } = controlledScans();
    const instanceA = createCoordinator(store, runScan, clock).coordinator;
    const instanceB = createCoordinator(store, runScan, clock).coordinator;

    const fromA = instanceA.scan({ digest: imageDigest });
    await tick();
    const fromB = instanceB.scan({ digest: imageDigest });
    await tick();
    runs[0]?.finish();

    const [outcomeA, outcomeB] = await Promise.all([fromA, fromB]);
    expect(runs).toHaveLength(1);
    expect(outcomeB.joined).toBe(true);
    expect(outcomeB.job.id).toBe(outcomeA.job.id);
    expect(outcomeB.job.state).toBe('succeeded');
  });

  it('takes over a job whose instance stopped', async () => {
    const store = createMemoryScanJobStore();
    const clock = { ms: 0 };
    const stalled = controlledScans();
    const working = controlledScans();
    const instanceA = createCoordinator(store, stalled.runScan, clock).coordinator;
    const instanceB = createCoordinator(store, working.runScan, clock, { staleAfterMs: 5_000 });

    void instanceA.scan({ digest: imageDigest });
    await tick();
    const fromB = instanceB.coordinator.scan({ digest: imageDigest });
    while (working.runs.length === 0) await tick();
    working.runs[0]?.finish();

    const outcome = await fromB;
    expect(outcome.joined).toBe(false);
    expect(outcome.job.state).toBe('succeeded');
    expect(instanceB.warnings).toEqual(['scan job abandoned, starting a new scan']);
  });
});
