import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScannerError } from '../../src/scans/scanner-error.ts';
import { ScanReportError } from '../../src/scans/parsers/errors.ts';
import {
  closedPortUrl,
  startStandInScanner,
  type StandInScanner,
} from '../support/scanner/stand-in-scanner.ts';
import { otherDigest } from './fixtures.ts';
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

describe('HarborScannerClient failures', () => {
  it('reports a failed scan job with the scanner message', async () => {
    scanner.configure({
      pendingPolls: 1,
      outcome: 'failure',
      failureMessage: 'pulling image: manifest unknown',
    });
    const { client } = createTestClient(scanner.url);

    const error = await scannerError(client.scan(scanRequest()));

    expect(error.kind).toBe('scan-failed');
    expect(error.status).toBe(500);
    expect(error.scannerMessage).toBe('pulling image: manifest unknown');
    expect(error.message).toMatch(
      /^Scan failed at scanner http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scan\/[0-9a-f-]+\/report: pulling image: manifest unknown$/,
    );
  });

  it('times out a slow scanner', async () => {
    scanner.configure({ responseDelayMs: 2_000 });
    const { client } = createTestClient(scanner.url, { requestTimeoutMs: 200 });

    const error = await scannerError(client.getMetadata());

    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /^Scanner http:\/\/127\.0\.0\.1:\d+\/api\/v1\/metadata did not respond within 200 ms$/,
    );
  });

  it('reports a scanner that is down', async () => {
    const { client } = createTestClient(await closedPortUrl());

    const error = await scannerError(client.scan(scanRequest()));

    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(
      /^Scanner http:\/\/127\.0\.0\.1:\d+\/api\/v1\/metadata could not be reached \(ECONNREFUSED\)$/,
    );
  });

  it.each([
    { name: 'a missing registry URL', registryUrl: '', digest: undefined, message: 'missing registry.url' },
    {
      name: 'a relative registry URL',
      registryUrl: 'registry.local',
      digest: undefined,
      message: 'invalid registry.url',
    },
    {
      name: 'a missing digest',
      registryUrl: 'http://127.0.0.1:5000',
      digest: '',
      message: 'missing artifact.digest',
    },
  ])('turns 422 for $name into invalid-field', async ({ registryUrl, digest, message }) => {
    const { client } = createTestClient(scanner.url);
    const request = scanRequest(digest === undefined ? {} : { digest });
    request.registry.url = registryUrl;

    const error = await scannerError(client.requestScan(request));

    expect(error.kind).toBe('invalid-field');
    expect(error.status).toBe(422);
    expect(error.scannerMessage).toBe(message);
    expect(error.message).toContain(`responded with 422 to the scan request: ${message}`);
  });

  it('does not put the registry credential in a scan error', async () => {
    const { client } = createTestClient(scanner.url);
    const request = scanRequest({ repository: '' });

    const error = await scannerError(client.requestScan(request));

    expect(error.scannerMessage).toBe('missing artifact.repository');
    expect(JSON.stringify({ message: error.message, endpoint: error.endpoint })).not.toContain(
      registryAuthorization,
    );
  });

  it('reports an unknown scan id as not found', async () => {
    const { client } = createTestClient(scanner.url);

    const error = await scannerError(
      client.fetchReport('no-such-scan', 'application/vnd.security.vulnerability.report; version=1.1'),
    );

    expect(error.kind).toBe('not-found');
    expect(error.scannerMessage).toBe('cannot find scan job: no-such-scan');
  });

  it('reports a report type the scanner does not produce', async () => {
    const { client } = createTestClient(scanner.url);
    const id = await client.requestScan(scanRequest());

    const error = await scannerError(
      client.fetchReport(id, 'application/vnd.scanner.adapter.vuln.report.raw'),
    );

    expect(error.kind).toBe('unsupported-media-type');
    expect(error.status).toBe(415);
  });

  it('refuses an artifact type the scanner does not consume', async () => {
    const { client } = createTestClient(scanner.url);

    const error = await scannerError(
      client.scan(scanRequest({ mimeType: 'application/vnd.oci.image.index.v1+json' })),
    );

    expect(error.kind).toBe('unsupported-artifact');
    expect(error.message).toContain('does not scan application/vnd.oci.image.index.v1+json; it accepts');
    expect(scanner.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('rejects a report larger than the bound', async () => {
    const { client } = createTestClient(scanner.url, { reportLimits: { maxBytes: 1024, maxFindings: 100 } });

    const error = await scannerError(client.scan(scanRequest()));

    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/more than the maximum of 1024 bytes$/);
  });

  it('passes on a report for another digest as a ScanReportError', async () => {
    scanner.configure({
      report: Buffer.from(JSON.stringify({ scanner: { name: 'Trivy' }, artifact: { digest: otherDigest } })),
    });
    const { client } = createTestClient(scanner.url);

    await expect(client.scan(scanRequest())).rejects.toSatisfy(
      (error) => error instanceof ScanReportError && error.kind === 'digest-mismatch',
    );
  });

  it('reports a metadata body of the wrong shape', async () => {
    scanner.configure({ metadata: { scanner: { name: 'Trivy' }, capabilities: 'all' } });
    const { client } = createTestClient(scanner.url);

    const error = await scannerError(client.getMetadata());

    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/sent an invalid scanner metadata at \$\.capabilities: /);
  });

  it('reports a missing adapter credential as an unexpected status', async () => {
    scanner.configure({ requiredAuth: { header: 'Authorization', value: 'Bearer adapter-token' } });
    const { client } = createTestClient(scanner.url);

    const error = await scannerError(client.getMetadata());

    expect(error.kind).toBe('unexpected-status');
    expect(error.status).toBe(401);
  });
});
