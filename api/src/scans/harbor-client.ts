import { z } from 'zod';
import { harborMimeTypes } from './harbor-mime-types.ts';
import {
  chooseReportMimeType,
  databaseUpdatedAtProperty,
  metadataSchema,
  type ScannerMetadata,
} from './harbor-metadata.ts';
import {
  describeEndpoint,
  errorFromFetchFailure,
  errorFromResponse,
  readBoundedBody,
} from './harbor-http.ts';
import { ScannerError } from './scanner-error.ts';
import { childPath } from './parsers/errors.ts';
import {
  defaultScanReportLimits,
  parseScanReport,
  type ParsedScanReport,
  type ScanReportLimits,
} from './parsers/parse-scan-report.ts';

/** The subset of a pino logger that the scanner code uses. */
export interface ScanLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface HarborScannerDeps {
  fetch: typeof fetch;
  /** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in milliseconds since the epoch. */
  now: () => number;
  logger: ScanLogger;
}

export interface HarborScannerConfig {
  /** Base URL of the scanner adapter, without `/api/v1`, for example `http://trivy-adapter:8080`. */
  url: string;
  /** Credential for the adapter itself, for example `{ header: 'Authorization', value: 'Bearer ...' }`. */
  auth?: { header: string; value: string };
  /** Maximum time in ms for one request, body included. */
  requestTimeoutMs: number;
  /** Maximum time in ms from the first report poll until the report must be ready. */
  maxWaitMs: number;
  /** Maximum number of report polls per scan. */
  maxPolls: number;
  /** Seconds to wait between polls when a pending response has no usable `Refresh-After`. */
  defaultRefreshAfterSeconds: number;
  /** Upper bound in seconds for `Refresh-After`, so a scanner cannot stall a scan for hours. */
  maxRefreshAfterSeconds: number;
  /** Bounds for the report document. */
  reportLimits: ScanReportLimits;
}

export const defaultHarborScannerConfig: Omit<HarborScannerConfig, 'url'> = {
  requestTimeoutMs: 30_000,
  maxWaitMs: 15 * 60_000,
  maxPolls: 300,
  defaultRefreshAfterSeconds: 5,
  maxRefreshAfterSeconds: 60,
  reportLimits: defaultScanReportLimits,
};

// A scanner that sends `Refresh-After: 0` would otherwise be polled in a tight loop.
const minRefreshAfterSeconds = 1;
const maxSmallBodyBytes = 1024 * 1024;

const scanResponseSchema = z.object({ id: z.string().min(1) });

export interface ScanRequestInput {
  registry: {
    /** Registry base URL as the scanner reaches it, for example `https://registry.example.org`. */
    url: string;
    /** `Authorization` header value for the registry, scoped by the caller to pulling this one repository. */
    authorization?: string;
  };
  artifact: { repository: string; digest: string; mimeType: string; tag?: string };
}

export type ReportPoll =
  | { status: 'pending'; refreshAfterSeconds: number | undefined }
  | { status: 'ready'; bytes: Uint8Array; mimeType: string };

/** Client of the Harbor pluggable scanner API v1.1 (`/api/v1/metadata`, `/scan`, `/scan/{id}/report`). */
export class HarborScannerClient {
  readonly #config: HarborScannerConfig;
  readonly #deps: HarborScannerDeps;
  readonly #base: URL;

  constructor(config: HarborScannerConfig, deps: HarborScannerDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
  }

  /** Fetches the scanner's name, version, capabilities and properties. */
  async getMetadata(signal?: AbortSignal): Promise<ScannerMetadata> {
    return this.#exchange(
      'api/v1/metadata',
      { method: 'GET', accept: harborMimeTypes.metadata },
      signal,
      async (response, endpoint) => {
        if (response.status !== 200) {
          throw await errorFromResponse(response, endpoint, 'the metadata request');
        }
        return this.#readJson(response, endpoint, metadataSchema, 'scanner metadata');
      },
    );
  }

  /** Submits a scan and returns the scanner's scan id. The registry credential goes only to the scanner. */
  async requestScan(request: ScanRequestInput, signal?: AbortSignal): Promise<string> {
    const body = {
      registry: {
        url: request.registry.url,
        ...(request.registry.authorization === undefined
          ? {}
          : { authorization: request.registry.authorization }),
      },
      artifact: {
        repository: request.artifact.repository,
        digest: request.artifact.digest,
        ...(request.artifact.tag === undefined ? {} : { tag: request.artifact.tag }),
        mime_type: request.artifact.mimeType,
      },
    };
    const init = { method: 'POST', accept: harborMimeTypes.scanResponse, body: JSON.stringify(body) };

    const id = await this.#exchange('api/v1/scan', init, signal, async (response, endpoint) => {
      if (response.status < 200 || response.status > 299) {
        throw await errorFromResponse(response, endpoint, 'the scan request');
      }
      return (await this.#readJson(response, endpoint, scanResponseSchema, 'scan response')).id;
    });
    this.#deps.logger.info(
      { scanId: id, repository: request.artifact.repository, digest: request.artifact.digest },
      'scanner accepted scan request',
    );
    return id;
  }

  /** Requests the report once: `pending` on `302`, `ready` with the body on `200`. */
  async fetchReport(scanId: string, mimeType: string, signal?: AbortSignal): Promise<ReportPoll> {
    const path = `api/v1/scan/${encodeURIComponent(scanId)}/report`;
    return this.#exchange(path, { method: 'GET', accept: mimeType }, signal, async (response, endpoint) => {
      if (response.status === 302) {
        await response.body?.cancel();
        return {
          status: 'pending',
          refreshAfterSeconds: parseRefreshAfter(response.headers.get('refresh-after')),
        };
      }
      if (response.status !== 200) {
        throw await errorFromResponse(response, endpoint, 'the report request', { failedScan: true });
      }
      const bytes = await readBoundedBody(response, this.#config.reportLimits.maxBytes, endpoint);
      return { status: 'ready', bytes, mimeType: response.headers.get('content-type') ?? mimeType };
    });
  }

  /**
   * Polls the report until it is ready, waiting `Refresh-After` seconds between polls (clamped to
   * 1 s .. `maxRefreshAfterSeconds`). Throws `report-timeout` after `maxPolls` polls or when the
   * next wait would pass `maxWaitMs`.
   */
  async waitForReport(
    scanId: string,
    mimeType: string,
    signal?: AbortSignal,
    onProgress?: (step: string) => void,
  ): Promise<{ bytes: Uint8Array; mimeType: string; polls: number }> {
    const { maxPolls, maxWaitMs } = this.#config;
    const startedAt = this.#deps.now();
    const endpoint = describeEndpoint(
      new URL(`api/v1/scan/${encodeURIComponent(scanId)}/report`, this.#base),
    );

    for (let poll = 1; poll <= maxPolls; poll += 1) {
      onProgress?.(`waiting for the report (poll ${poll})`);
      const result = await this.fetchReport(scanId, mimeType, signal);
      if (result.status === 'ready') return { bytes: result.bytes, mimeType: result.mimeType, polls: poll };
      if (poll === maxPolls) break;

      const waitMs = this.#pollDelaySeconds(result.refreshAfterSeconds) * 1000;
      const elapsedMs = this.#deps.now() - startedAt;
      if (elapsedMs + waitMs > maxWaitMs) {
        throw new ScannerError(
          'report-timeout',
          endpoint,
          `Scan ${scanId} was still pending after ${elapsedMs} ms; the next poll would pass the maximum wait of ${maxWaitMs} ms`,
        );
      }
      this.#deps.logger.debug({ scanId, poll, waitMs }, 'scan report pending');
      await this.#deps.sleep(waitMs, signal);
    }
    throw new ScannerError(
      'report-timeout',
      endpoint,
      `Scan ${scanId} was still pending after ${maxPolls} polls, the configured maximum`,
    );
  }

  /**
   * Runs one scan end to end: reads the metadata to choose the report type, submits the scan,
   * waits for the report and parses it for the artifact's digest. When the report does not name
   * the database version, the adapter's `vulnerability-database-updated-at` property is used.
   * `onProgress` receives each step, for progress displays.
   */
  async scan(
    request: ScanRequestInput,
    signal?: AbortSignal,
    onProgress?: (step: string) => void,
  ): Promise<ParsedScanReport> {
    onProgress?.('reading the scanner metadata');
    const metadata = await this.getMetadata(signal);
    const mimeType = chooseReportMimeType(metadata, request.artifact.mimeType, describeEndpoint(this.#base));
    onProgress?.('requesting the scan');
    const scanId = await this.requestScan(request, signal);
    const { bytes, polls } = await this.waitForReport(scanId, mimeType, signal, onProgress);
    onProgress?.('reading the report');

    const parsed = parseScanReport(bytes, {
      ...this.#config.reportLimits,
      digest: request.artifact.digest,
      source: 'scanner-api',
    });
    // NOTE: the adapter may update its database between the metadata request and the scan, so
    // this version can be one update older than the database that produced the findings.
    const databaseUpdatedAt = metadata.properties?.[databaseUpdatedAtProperty];
    if (parsed.report.databaseVersion === undefined && databaseUpdatedAt) {
      parsed.report.databaseVersion = databaseUpdatedAt;
    }
    this.#deps.logger.info(
      { scanId, digest: request.artifact.digest, polls, findings: parsed.report.findings.length },
      'scan report received',
    );
    return parsed;
  }

  #pollDelaySeconds(refreshAfterSeconds: number | undefined): number {
    const requested = refreshAfterSeconds ?? this.#config.defaultRefreshAfterSeconds;
    return Math.min(Math.max(requested, minRefreshAfterSeconds), this.#config.maxRefreshAfterSeconds);
  }

  async #readJson<T>(
    response: Response,
    endpoint: string,
    schema: z.ZodType<T>,
    bodyName: string,
  ): Promise<T> {
    const bytes = await readBoundedBody(response, maxSmallBodyBytes, endpoint);
    const status = response.status;

    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      const message = `Scanner ${endpoint} sent a ${bodyName} that is not JSON`;
      throw new ScannerError('invalid-response', endpoint, message, { status });
    }

    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;

    const issue = parsed.error.issues[0];
    const path = issue?.path.reduce<string>((soFar, key) => childPath(soFar, key), '$') ?? '$';
    const message = `Scanner ${endpoint} sent an invalid ${bodyName} at ${path}: ${issue?.message ?? 'invalid'}`;
    throw new ScannerError('invalid-response', endpoint, message, { status });
  }

  /**
   * Sends one request with the request timeout and hands the response to `handle`. Fetch, timeout
   * and body errors become ScannerErrors. Redirects are not followed, because `302` means "pending".
   */
  async #exchange<T>(
    path: string,
    init: { method: string; accept: string; body?: string },
    signal: AbortSignal | undefined,
    handle: (response: Response, endpoint: string) => Promise<T>,
  ): Promise<T> {
    const url = new URL(path, this.#base);
    const endpoint = describeEndpoint(url);
    const timeout = AbortSignal.timeout(this.#config.requestTimeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);

    const headers: Record<string, string> = { Accept: init.accept };
    if (init.body !== undefined) headers['Content-Type'] = harborMimeTypes.scanRequest;
    if (this.#config.auth !== undefined) headers[this.#config.auth.header] = this.#config.auth.value;

    try {
      const response = await this.#deps.fetch(url, {
        method: init.method,
        headers,
        redirect: 'manual',
        signal: combined,
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      return await handle(response, endpoint);
    } catch (error) {
      throw errorFromFetchFailure(error, endpoint, this.#config.requestTimeoutMs, signal);
    }
  }
}

/** Reads `Refresh-After`, which the API defines as an integer number of seconds. */
function parseRefreshAfter(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value.trim());
}
