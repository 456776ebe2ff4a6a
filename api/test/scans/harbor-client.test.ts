import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScannerError } from '../../src/scans/scanner-error.ts';
import {
  reportMimeV10,
  reportMimeV11,
  startStandInScanner,
  type StandInScanner,
} from '../support/scanner/stand-in-scanner.ts';
import { fixtureFiles, imageDigest, readFixture, readFixtureJson } from './fixtures.ts';
import { createTestClient, registryAuthorization, scanRequest } from './scanner-harness.ts';

let scanner: StandInScanner;

beforeEach(async () => {
  scanner = await startStandInScanner();
});

afterEach(async () => {
  await scanner.close();
});

async function scannerError(promise: Promise<unknown>): Promise<ScannerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScannerError) return error;
    throw error;
  }
  throw new Error('expected a ScannerError');
}

describe('HarborScannerClient metadata', () => {
  it('reads the scanner name and capabilities', async () => {
    const { client } = createTestClient(scanner.url);

    const metadata = await client.getMetadata();

    expect(metadata.scanner).toEqual({ name: 'Trivy', vendor: 'Aqua Security', version: 'v0.44.0' });
    expect(metadata.capabilities[0]?.produces_mime_types).toEqual([reportMimeV11]);
    expect(scanner.requests[0]?.headers['accept']).toBe(
      'application/vnd.scanner.adapter.metadata+json; version=1.0',
    );
  });
});

describe('HarborScannerClient scan', () => {
  it('polls a pending report until it is ready', async () => {
    scanner.configure({ pendingPolls: 2, refreshAfterSeconds: 3 });
    const { client, sleeps } = createTestClient(scanner.url);

    const { report } = await client.scan(scanRequest());

    expect(report.source).toBe('scanner-api');
    expect(report.digest).toBe(imageDigest);
    expect(report.scannerName).toBe('Trivy');
    expect(report.findings).toHaveLength(3);
    expect(sleeps).toEqual([3000, 3000]);
    expect(
      scanner.requests.map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, '{id}')}`),
    ).toEqual([
      'GET /api/v1/metadata',
      'POST /api/v1/scan',
      'GET /api/v1/scan/{id}/report',
      'GET /api/v1/scan/{id}/report',
      'GET /api/v1/scan/{id}/report',
    ]);
  });

  it('sends the scan request with the scoped registry credential', async () => {
    const { client } = createTestClient(scanner.url);

    await client.scan(scanRequest({ tag: '0.1.0' }));

    const post = scanner.requests.find((request) => request.method === 'POST');
    expect(post?.headers['content-type']).toBe(
      'application/vnd.scanner.adapter.scan.request+json; version=1.0',
    );
    expect(post?.headers['accept']).toBe('application/vnd.scanner.adapter.scan.response+json; version=1.0');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      registry: { url: 'http://127.0.0.1:5000', authorization: registryAuthorization },
      artifact: {
        repository: 'wipp/threshold',
        digest: imageDigest,
        tag: '0.1.0',
        mime_type: 'application/vnd.oci.image.manifest.v1+json',
      },
    });
  });

  it('asks for the version 1.1 report type', async () => {
    const { client } = createTestClient(scanner.url);

    await client.scan(scanRequest());

    const reportRequest = scanner.requests.at(-1);
    expect(reportRequest?.headers['accept']).toBe(reportMimeV11);
  });

  it('falls back to report version 1.0', async () => {
    const report = readFixtureJson(fixtureFiles.harborV10Null) as Record<string, unknown>;
    await scanner.close();
    scanner = await startStandInScanner({
      producesMimeTypes: [reportMimeV10],
      report: Buffer.from(JSON.stringify(report[reportMimeV10])),
    });
    const { client } = createTestClient(scanner.url);

    const parsed = await client.scan(scanRequest());

    expect(scanner.requests.at(-1)?.headers['accept']).toBe(reportMimeV10);
    expect(parsed.report.scannerName).toBe('Clair');
    expect(parsed.report.findings).toEqual([]);
  });

  it('finds the report type across capabilities', async () => {
    const manifestTypes = ['application/vnd.oci.image.manifest.v1+json'];
    scanner.configure({
      metadata: {
        scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
        capabilities: [
          {
            consumes_mime_types: manifestTypes,
            produces_mime_types: ['application/vnd.security.sbom.report+json; version=1.0'],
          },
          { consumes_mime_types: manifestTypes, produces_mime_types: [reportMimeV11] },
        ],
      },
    });
    const { client } = createTestClient(scanner.url);

    const { report } = await client.scan(scanRequest());

    expect(scanner.requests.at(-1)?.headers['accept']).toBe(reportMimeV11);
    expect(report.findings).toHaveLength(3);
  });

  it('serves an unwrapped fixture byte for byte', async () => {
    scanner.configure({ report: readFixture(fixtureFiles.harborUnwrapped) });
    const { client } = createTestClient(scanner.url);

    const { report } = await client.scan(scanRequest());

    expect(report.findings.map((finding) => finding.vulnerabilityId)).toEqual([
      'CVE-1999-123',
      'CVE-1999-1234',
    ]);
  });

  it('takes the database version from the metadata properties', async () => {
    const { client } = createTestClient(scanner.url);

    const { report } = await client.scan(scanRequest());

    expect(report.databaseVersion).toBe('2019-08-13T08:16:33.345Z');
  });

  it('never logs the registry credential', async () => {
    const { client, logs } = createTestClient(scanner.url);

    await client.scan(scanRequest());

    expect(logs.map((entry) => entry.message)).toEqual([
      'scanner accepted scan request',
      'scan report received',
    ]);
    expect(JSON.stringify(logs)).not.toContain(registryAuthorization);
  });

  it('sends the adapter credential', async () => {
    scanner.configure({ requiredAuth: { header: 'Authorization', value: 'Bearer adapter-token' } });
    const { client } = createTestClient(scanner.url, {
      auth: { header: 'Authorization', value: 'Bearer adapter-token' },
    });

    const { report } = await client.scan(scanRequest());

    expect(report.findings).toHaveLength(3);
  });
});

describe('HarborScannerClient polling bounds', () => {
  it.each([
    { name: 'a missing Refresh-After', refreshAfterSeconds: null, expectedMs: 5000 },
    { name: 'Refresh-After 0', refreshAfterSeconds: 0, expectedMs: 1000 },
    { name: 'a Refresh-After above the maximum', refreshAfterSeconds: 3600, expectedMs: 60_000 },
  ])('waits a bounded time for $name', async ({ refreshAfterSeconds, expectedMs }) => {
    scanner.configure({ pendingPolls: 1, refreshAfterSeconds });
    const { client, sleeps } = createTestClient(scanner.url);

    await client.scan(scanRequest());

    expect(sleeps).toEqual([expectedMs]);
  });

  it('stops after the maximum number of polls', async () => {
    scanner.configure({ pendingPolls: 10, refreshAfterSeconds: 1 });
    const { client } = createTestClient(scanner.url, { maxPolls: 3 });

    const error = await scannerError(client.scan(scanRequest()));

    expect(error.kind).toBe('report-timeout');
    expect(error.message).toMatch(/still pending after 3 polls, the configured maximum$/);
    expect(scanner.requests.filter((request) => request.path.endsWith('/report'))).toHaveLength(3);
  });

  it('stops before a wait that would pass the maximum wait', async () => {
    scanner.configure({ pendingPolls: 10, refreshAfterSeconds: 30 });
    const { client, sleeps } = createTestClient(scanner.url, { maxWaitMs: 45_000 });

    const error = await scannerError(client.scan(scanRequest()));

    expect(error.kind).toBe('report-timeout');
    expect(sleeps).toEqual([30_000]);
    expect(error.message).toContain('the next poll would pass the maximum wait of 45000 ms');
  });

  it('re-throws the caller abort unchanged', async () => {
    scanner.configure({ pendingPolls: 10 });
    const { client } = createTestClient(scanner.url);
    const controller = new AbortController();
    const reason = new Error('scan cancelled by the administrator');

    const scan = client.waitForReport(
      await client.requestScan(scanRequest()),
      reportMimeV11,
      controller.signal,
    );
    controller.abort(reason);

    await expect(scan).rejects.toBe(reason);
  });
});
