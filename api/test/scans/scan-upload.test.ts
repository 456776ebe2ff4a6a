import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import type { ScanReportInfo } from '../../src/contract/scan.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, startVisitor, type TestSession } from '../support/session.ts';
import { defaultReport } from '../support/scanner/stand-in-scanner.ts';
import { fixtureFiles, otherDigest, readFixture, readFixtureJson } from './fixtures.ts';
import {
  newerVersion,
  olderVersion,
  reportForm,
  scanPath,
  startScanAssay,
  type ScanAssay,
} from './scan-assay.ts';

// Small enough that a test can send a larger report without a large buffer.
const maxReportBytes = 16 * 1024;

/** Returns a Harbor report whose artifact names `digest`. */
function harborReportFor(digest: string): string {
  const report = JSON.parse(Buffer.from(defaultReport()).toString('utf8')) as {
    artifact: Record<string, unknown> | null;
  };
  report.artifact = { ...(report.artifact ?? {}), repository: 'plugins/threshold', digest };
  return JSON.stringify(report);
}

interface InvalidUpload {
  name: string;
  body: () => FormData;
  status: number;
  path: string;
  message: RegExp;
}

const invalidUploads: InvalidUpload[] = [
  {
    name: 'a file that is not JSON',
    body: () => reportForm('<html>not a report</html>'),
    status: 400,
    path: 'report',
    message: /not valid JSON/,
  },
  {
    name: 'an empty file',
    body: () => reportForm(''),
    status: 400,
    path: 'report',
    message: /not valid JSON/,
  },
  {
    name: 'a report dated in the future',
    body: () =>
      reportForm(
        JSON.stringify({
          ...(readFixtureJson(fixtureFiles.debianBuster) as object),
          CreatedAt: '2099-01-01T00:00:00Z',
        }),
      ),
    status: 400,
    path: 'report',
    message: /scan time 2099-01-01T00:00:00\.000Z is in the future/,
  },
  {
    name: 'a Trivy report of another image',
    body: () =>
      reportForm(
        JSON.stringify({
          ...(readFixtureJson(fixtureFiles.debianBuster) as object),
          Metadata: { RepoDigests: [`docker.io/other/image@${otherDigest}`] },
        }),
      ),
    status: 400,
    path: 'report',
    message: /\$\.Metadata\.RepoDigests: the report is for docker\.io\/other\/image@sha256:/,
  },
  {
    name: 'JSON that is no known report format',
    body: () => reportForm(JSON.stringify({ matches: [], descriptor: { name: 'grype' } })),
    status: 400,
    path: 'report',
    message: /not a known scan report format/,
  },
  {
    name: 'a Trivy report of an unsupported schema version',
    body: () => reportForm(JSON.stringify({ SchemaVersion: 3, Results: [] })),
    status: 400,
    path: 'report',
    message: /SchemaVersion 3 is not supported/,
  },
  {
    name: 'a Harbor report for another digest',
    body: () => reportForm(harborReportFor(otherDigest)),
    status: 400,
    path: 'report',
    message: new RegExp(otherDigest),
  },
  {
    name: 'a report larger than the configured maximum',
    body: () =>
      reportForm(JSON.stringify({ SchemaVersion: 2, Results: [], padding: 'x'.repeat(maxReportBytes) })),
    status: 413,
    path: 'report',
    message: new RegExp(`${maxReportBytes} bytes`),
  },
  {
    name: 'a form without the report field',
    body: () => {
      const form = new FormData();
      form.append('platformDigest', otherDigest);
      return form;
    },
    status: 400,
    path: 'report',
    message: /Choose a report file/,
  },
  {
    name: 'a platform digest that is not part of the image',
    body: () => reportForm(readFixture(fixtureFiles.pip), { platformDigest: otherDigest }),
    status: 400,
    path: 'platformDigest',
    message: /is not a platform manifest/,
  },
  {
    name: 'two report files',
    body: () => {
      const form = reportForm(readFixture(fixtureFiles.pip));
      form.append('report', new Blob(['{}']), 'second.json');
      return form;
    },
    status: 400,
    path: 'report',
    message: /upload is invalid/,
  },
];

describe.each(engineCases)('scan report uploads on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let setup: ScanAssay;
  let admin: TestSession;
  let reviewer: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    setup = await startScanAssay(database, { env: { ASSAY_SCAN_MAX_REPORT_BYTES: String(maxReportBytes) } });
    admin = await createUserAndSignIn(setup.assay, 'admin');
    reviewer = await createUserAndSignIn(setup.assay, 'reviewer');
  });

  afterAll(async () => {
    await setup?.stop();
    await database?.drop();
  });

  it.each(invalidUploads)('rejects $name in place', async ({ body, status, path, message }) => {
    if (unavailable) return;

    const response = await admin.fetch(scanPath(olderVersion, '/upload'), { method: 'POST', body: body() });
    const error = (await response.json()) as ErrorBody;

    expect(response.status).toBe(status);
    const detail = (error.error.details as Array<{ path: string; message: string }>)[0];
    expect(detail?.path).toBe(path);
    expect(error.error.message).toMatch(message);
  });

  it.skipIf(unavailable)('names the JSON path of a problem inside the report', async () => {
    const report = readFixtureJson(fixtureFiles.pip) as { Results: Array<{ Vulnerabilities: unknown }> };
    report.Results[0]!.Vulnerabilities = 'none';

    const response = await admin.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(report)),
    });
    const error = (await response.json()) as ErrorBody;

    expect(response.status).toBe(400);
    expect((error.error.details as Array<{ jsonPath: string }>)[0]?.jsonPath).toBe(
      '$.Results[0].Vulnerabilities',
    );
  });

  it.skipIf(unavailable)('stores a Harbor report for a platform manifest of an index', async () => {
    const [amd64] = setup.platformDigests;

    const response = await admin.fetch(scanPath(newerVersion, '/upload'), {
      method: 'POST',
      body: reportForm(harborReportFor(amd64 ?? ''), { platformDigest: amd64 ?? '' }),
    });
    const report = (await response.json()) as ScanReportInfo;

    expect(response.status).toBe(201);
    expect(report).toMatchObject({
      digest: setup.digests.newer,
      scannedDigest: amd64,
      format: 'harbor',
      scannerName: 'Trivy',
      scannerVendor: 'Aqua Security',
      scannerVersion: 'v0.44.0',
      source: 'upload',
    });
  });

  it.skipIf(unavailable)('accepts a Trivy report of one platform that names the index', async () => {
    const [amd64] = setup.platformDigests;
    const report = {
      ...(readFixtureJson(fixtureFiles.pip) as object),
      Metadata: { RepoDigests: [`registry.test/plugins/threshold@${setup.digests.newer}`] },
    };

    const response = await admin.fetch(scanPath(newerVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(report), { platformDigest: amd64 ?? '' }),
    });

    expect(response.status).toBe(201);
  });

  it.skipIf(unavailable)('records every upload in the audit log', async () => {
    const response = await admin.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(readFixture(fixtureFiles.debianBuster), {}, 'debian.json'),
    });
    const report = (await response.json()) as ScanReportInfo;

    const events = await setup.assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'scan.upload')
      .where('target_id', '=', setup.digests.older)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: admin.user.id, target_type: 'image' });
    expect(JSON.parse(events[0]?.after ?? '{}')).toMatchObject({
      reportId: report.id,
      format: 'trivy',
      findings: 2,
      fileName: 'debian.json',
    });
  });

  it.skipIf(unavailable)('replaces an earlier upload of the same file', async () => {
    const first = await admin.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(readFixture(fixtureFiles.debianBuster)),
    });
    await first.arrayBuffer();

    const { body } = await setup.assay.getJson<{ reports: ScanReportInfo[] }>(scanPath(olderVersion));

    expect(body.reports.filter((report) => report.source === 'upload')).toHaveLength(1);
  });

  it.skipIf(unavailable)('rejects uploads from visitors and reviewers', async () => {
    const visitor = await startVisitor(setup.assay);
    const asVisitor = await fetch(`${setup.assay.url}${scanPath(olderVersion, '/upload')}`, {
      method: 'POST',
      headers: { 'x-csrf-token': visitor.csrfToken, cookie: visitor.jar.header() },
      body: reportForm(readFixture(fixtureFiles.pip)),
    });
    const asReviewer = await reviewer.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(readFixture(fixtureFiles.pip)),
    });

    expect(asVisitor.status).toBe(401);
    expect(asReviewer.status).toBe(403);
  });

  it.skipIf(unavailable)('rejects an upload without the CSRF token', async () => {
    const response = await fetch(`${setup.assay.url}${scanPath(olderVersion, '/upload')}`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
      body: reportForm(readFixture(fixtureFiles.pip)),
    });
    const error = (await response.json()) as ErrorBody;

    expect(response.status).toBe(403);
    expect(error.error.details).toMatchObject({ reason: 'csrf' });
  });
});
