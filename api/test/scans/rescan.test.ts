import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import type { ScanJobInfo, VersionScan } from '../../src/contract/scan.ts';
import { httpRegistryConfigSchema } from '../../src/registry/http-config.ts';
import { readScanConfig } from '../../src/scans/config.ts';
import { createScanRunner, rescanLatestVersions, type ScanRunnerDeps } from '../../src/scans/rescan.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { startStandInScanner, type StandInScanner } from '../support/scanner/stand-in-scanner.ts';
import {
  newerVersion,
  olderVersion,
  repository,
  scanPath,
  startScanAssay,
  type ScanAssay,
} from './scan-assay.ts';

const scannerAuthorization = 'Bearer scanner-adapter-secret';

describe.each(engineCases)('rescans through a Harbor-API scanner on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let scanner: StandInScanner;
  let scannerStopped = false;
  let setup: ScanAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    scanner = await startStandInScanner({
      pendingPolls: 1,
      refreshAfterSeconds: 1,
      requiredAuth: { header: 'Authorization', value: scannerAuthorization },
    });
    setup = await startScanAssay(database, {
      auth: 'token',
      env: { ASSAY_SCANNER_URL: scanner.url, ASSAY_SCANNER_AUTH: scannerAuthorization },
    });
    admin = await createUserAndSignIn(setup.assay, 'admin');
  });

  afterAll(async () => {
    await setup?.stop();
    if (!scannerStopped) await scanner?.close();
    await database?.drop();
  });

  async function rescan(version: string): Promise<ScanJobInfo> {
    const response = await admin.fetch(scanPath(version, '/rescan'), { method: 'POST' });
    expect(response.status).toBe(202);
    return (await response.json()) as ScanJobInfo;
  }

  /** Polls the job as the rescan button does, until it leaves `running`. */
  async function finished(job: ScanJobInfo): Promise<ScanJobInfo> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await admin.fetch(`/api/v1/scan-jobs/${job.id}`);
      const current = (await response.json()) as ScanJobInfo;
      if (current.state !== 'running' || Date.now() > deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it.skipIf(unavailable)('offers a rescan when a scanner is configured', async () => {
    const { body } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));

    expect(body.rescan).toEqual({ available: true });
  });

  it.skipIf(unavailable)('scans the linux/amd64 manifest of an index and stores its report', async () => {
    const job = await rescan(newerVersion);

    const done = await finished(job);

    const [amd64] = setup.platformDigests;
    expect(job).toMatchObject({
      state: 'running',
      digest: setup.digests.newer,
      scannedDigest: amd64,
      reason: 'on-demand',
    });
    expect(done).toMatchObject({
      state: 'succeeded',
      progress: 'finished',
      requestedBy: admin.user.username,
    });
    const { body } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    expect(body.current).toMatchObject({
      id: done.reportId,
      source: 'scanner-api',
      format: 'harbor',
      scannedDigest: amd64,
      scannerVendor: 'Aqua Security',
      scannerVersion: 'v0.44.0',
      databaseVersion: '2019-08-13T08:16:33.345Z',
    });
    expect(body.rescan.latestJob?.id).toBe(job.id);
  });

  it.skipIf(unavailable)('hands the scanner a pull token for the one repository', async () => {
    const request = scanner.requests.find((item) => item.method === 'POST' && item.path === '/api/v1/scan');
    const body = JSON.parse(request?.body ?? '{}') as {
      registry: { url: string; authorization: string };
      artifact: Record<string, string>;
    };

    expect(request?.headers.authorization).toBe(scannerAuthorization);
    expect(body.registry.url).toBe(new URL(setup.registry.url).origin);
    expect(body.registry.authorization).toMatch(/^Bearer \S+$/);
    expect(body.artifact).toEqual({
      repository,
      digest: setup.platformDigests[0],
      tag: newerVersion,
      mime_type: 'application/vnd.oci.image.manifest.v1+json',
    });
    const tokenRequests = setup.registry.tokenServer?.requests ?? [];
    expect(tokenRequests.some((item) => item.scopes.join(' ') === `repository:${repository}:pull`)).toBe(
      true,
    );
  });

  it.skipIf(unavailable)('joins a rescan that is already running', async () => {
    const [first, second] = await Promise.all([rescan(olderVersion), rescan(olderVersion)]);

    await finished(first);

    expect(second.id).toBe(first.id);
    expect(scanner.requests.filter((item) => item.method === 'POST')).toHaveLength(2);
  });

  it.skipIf(unavailable)('records each rescan request in the audit log', async () => {
    const events = await setup.assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'scan.rescan')
      .execute();

    expect(events).toHaveLength(3);
    expect(events.map((event) => JSON.parse(event.after ?? '{}').joined as boolean).sort()).toEqual([
      false,
      false,
      true,
    ]);
  });

  it.skipIf(unavailable)('fails the job with the scanner error when the scan fails', async () => {
    scanner.configure({ outcome: 'failure', failureMessage: 'pulling image: manifest unknown' });

    const done = await finished(await rescan(olderVersion));

    scanner.configure({ outcome: 'report' });
    expect(done.state).toBe('failed');
    expect(done.error).toMatch(
      new RegExp(
        `^Scan failed at scanner ${scanner.url}/api/v1/scan/[^/]+/report: pulling image: manifest unknown$`,
      ),
    );
  });

  it.skipIf(unavailable)('rescans the newest version of every plugin on schedule', async () => {
    const deps: ScanRunnerDeps = {
      context: { db: setup.assay.server.database.db, engine: setup.assay.server.database.engine },
      directory: setup.assay.server.directory,
      registries: [
        httpRegistryConfigSchema.parse({
          host: setup.registry.host,
          url: setup.registry.url,
          ...setup.registry.credentials,
          authRealmHosts: [setup.registry.tokenServer?.host ?? ''],
        }),
      ],
      config: readScanConfig({ ASSAY_SCANNER_URL: scanner.url, ASSAY_SCANNER_AUTH: scannerAuthorization }),
      signers: () => Promise.resolve(new Map()),
      staleAfterDays: () => Promise.resolve(7),
      now: () => new Date(),
      logger: setup.assay.server.logger,
      fetch: globalThis.fetch,
    };
    const runner = createScanRunner(deps);
    const before = scanner.requests.filter((item) => item.method === 'POST').length;

    const summary = await rescanLatestVersions(deps, runner!, () => false);

    expect(summary).toBe('scanned 1, failed 0, skipped 0');
    expect(scanner.requests.filter((item) => item.method === 'POST')).toHaveLength(before + 1);
  });

  it.skipIf(unavailable)('fails the job when the scanner cannot be reached', async () => {
    await scanner.close();
    scannerStopped = true;

    const done = await finished(await rescan(olderVersion));

    expect(done.state).toBe('failed');
    expect(done.error).toMatch(new RegExp(`^Scanner ${scanner.url}/api/v1/metadata could not be reached`));
  });

  it.skipIf(unavailable)('lets only administrators rescan and read jobs', async () => {
    const reviewer = await createUserAndSignIn(setup.assay, 'reviewer');

    const asReviewer = await reviewer.fetch(scanPath(olderVersion, '/rescan'), { method: 'POST' });
    const jobAsVisitor = await setup.assay.getJson<ErrorBody>('/api/v1/scan-jobs/any');

    expect(asReviewer.status).toBe(403);
    expect(jobAsVisitor.status).toBe(401);
  });
});
