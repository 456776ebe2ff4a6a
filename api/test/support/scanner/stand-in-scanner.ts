/**
 * A stand-in for a Harbor pluggable scanner adapter (API v1.1) on 127.0.0.1, for tests. It follows
 * the specification in `api/test/fixtures/scan-reports/` and the behaviour of harbor-scanner-trivy
 * where the specification is silent (400 for unreadable JSON, 422 for a missing field, 415 for an
 * unsupported `Accept`), and serves real reports from the fixtures.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { validateScanRequest } from './scan-request.ts';

export const fixturesDir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'scan-reports');

export const reportMimeV11 = 'application/vnd.security.vulnerability.report; version=1.1';
export const reportMimeV10 = 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
const errorMime = 'application/vnd.scanner.adapter.error+json; version=1.0';
const metadataMime = 'application/vnd.scanner.adapter.metadata+json; version=1.0';
const scanResponseMime = 'application/vnd.scanner.adapter.scan.response+json; version=1.0';

/** The version 1.1 report inside the Harbor export fixture `harbor-trivy-vuln.json` (Trivy v0.44.0, 3 findings). */
export function defaultReport(): Uint8Array {
  const file = path.join(
    fixturesDir,
    'DefectDojo__django-DefectDojo__unittests__scans__harbor_vulnerability__harbor-trivy-vuln.json',
  );
  const wrapped = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify(wrapped[reportMimeV11]));
}

export interface StandInScannerOptions {
  /** Report body served once a scan is done. */
  report: Uint8Array;
  /** Number of `302` responses to each scan's report requests before the report is served. */
  pendingPolls: number;
  /** `Refresh-After` value in seconds, or null to leave the header out as harbor-scanner-trivy does. */
  refreshAfterSeconds: number | null;
  /** With `failure`, the report request returns 500 and an error body, as when the scan job failed. */
  outcome: 'report' | 'failure';
  failureMessage: string;
  /** Delay in ms before every response, to test timeouts. */
  responseDelayMs: number;
  /** When set, requests without this header value get 401. */
  requiredAuth: { header: string; value: string } | null;
  /** Report types listed in the metadata and accepted in `Accept`. */
  producesMimeTypes: string[];
  /** Body of `GET /api/v1/metadata`. */
  metadata: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface StandInScanner {
  /** Base URL, for example `http://127.0.0.1:41234`, without `/api/v1`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Changes options for the requests that follow. */
  configure(options: Partial<StandInScannerOptions>): void;
  close(): Promise<void>;
}

interface ScanJob {
  id: string;
  pendingPollsLeft: number;
}

function defaultMetadata(producesMimeTypes: string[]): unknown {
  // Capabilities and properties follow the examples in the specification.
  return {
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.44.0' },
    capabilities: [
      {
        consumes_mime_types: [
          'application/vnd.oci.image.manifest.v1+json',
          'application/vnd.docker.distribution.manifest.v2+json',
        ],
        produces_mime_types: producesMimeTypes,
      },
    ],
    properties: {
      'harbor.scanner-adapter/scanner-type': 'os-package-vulnerability',
      'harbor.scanner-adapter/vulnerability-database-updated-at': '2019-08-13T08:16:33.345Z',
    },
  };
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
): void {
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, message: string): void {
  send(response, status, errorMime, JSON.stringify({ error: { message } }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 on a free port. */
export async function startStandInScanner(
  options: Partial<StandInScannerOptions> = {},
): Promise<StandInScanner> {
  const producesMimeTypes = options.producesMimeTypes ?? [reportMimeV11];
  let current: StandInScannerOptions = {
    report: defaultReport(),
    pendingPolls: 0,
    refreshAfterSeconds: 1,
    outcome: 'report',
    failureMessage: 'pulling image: unauthorized: authentication required',
    responseDelayMs: 0,
    requiredAuth: null,
    producesMimeTypes,
    metadata: defaultMetadata(producesMimeTypes),
    ...options,
  };
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, ScanJob>();
  const timers = new Set<NodeJS.Timeout>();

  function handle(request: IncomingMessage, response: ServerResponse, body: string): void {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const auth = current.requiredAuth;
    if (auth !== null && request.headers[auth.header.toLowerCase()] !== auth.value) {
      sendError(response, 401, 'missing or invalid credentials');
      return;
    }

    if (request.method === 'GET' && url.pathname === '/api/v1/metadata') {
      send(response, 200, metadataMime, JSON.stringify(current.metadata));
      return;
    }

    if (request.method === 'POST' && url.pathname === '/api/v1/scan') {
      const problem = validateScanRequest(body);
      if (problem !== undefined) {
        sendError(response, problem.status, problem.message);
        return;
      }
      const job: ScanJob = { id: randomUUID(), pendingPollsLeft: current.pendingPolls };
      jobs.set(job.id, job);
      send(response, 202, scanResponseMime, JSON.stringify({ id: job.id }));
      return;
    }

    const reportPath = /^\/api\/v1\/scan\/([^/]+)\/report$/.exec(url.pathname);
    if (request.method === 'GET' && reportPath !== null) {
      const accept = request.headers.accept ?? '';
      const mimeType = accept === '' || accept === '*/*' ? reportMimeV11 : accept;
      if (!current.producesMimeTypes.includes(mimeType)) {
        sendError(response, 415, `unsupported media type ${accept}`);
        return;
      }

      const id = decodeURIComponent(reportPath[1] ?? '');
      const job = jobs.get(id);
      if (job === undefined) {
        sendError(response, 404, `cannot find scan job: ${id}`);
        return;
      }
      if (job.pendingPollsLeft > 0) {
        job.pendingPollsLeft -= 1;
        const headers: Record<string, string> = { Location: url.pathname };
        if (current.refreshAfterSeconds !== null)
          headers['Refresh-After'] = String(current.refreshAfterSeconds);
        response.writeHead(302, headers);
        response.end();
        return;
      }
      if (current.outcome === 'failure') {
        sendError(response, 500, current.failureMessage);
        return;
      }
      send(response, 200, mimeType, current.report);
      return;
    }

    sendError(response, 404, `no route for ${request.method} ${url.pathname}`);
  }

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      );
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers, body });

      if (current.responseDelayMs <= 0) {
        handle(request, response, body);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) handle(request, response, body);
      }, current.responseDelayMs);
      timers.add(timer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    configure(next) {
      current = { ...current, ...next };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Returns a loopback URL whose port was free a moment ago and now has no listener, for "scanner down" tests. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
