import { ScannerError, type ScannerErrorKind } from './scanner-error.ts';

/** Maximum size of an error body. The API defines the body as one short message, so 64 KiB is ample. */
export const maxErrorBodyBytes = 64 * 1024;

/** Maximum length of a scanner message kept in an error, so a verbose scanner cannot flood logs. */
export const maxScannerMessageLength = 500;

/** Returns the URL without query, fragment or user info, which is safe to put in messages and logs. */
export function describeEndpoint(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Reads a response body, rejecting it once it passes `maxBytes` (checked against Content-Length first). */
export async function readBoundedBody(
  response: Response,
  maxBytes: number,
  endpoint: string,
): Promise<Uint8Array> {
  const tooLarge = (size: string) => {
    const message = `Scanner ${endpoint} sent ${size}, more than the maximum of ${maxBytes} bytes`;
    return new ScannerError('too-large', endpoint, message, { status: response.status });
  };

  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(`${declared} bytes`);
  }
  if (response.body === null) return new Uint8Array();

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Reads `{ error: { message } }` from an error response. Returns undefined when the body has another shape. */
export async function readScannerMessage(response: Response, endpoint: string): Promise<string | undefined> {
  try {
    const bytes = await readBoundedBody(response, maxErrorBodyBytes, endpoint);
    const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message !== 'string' || message.trim() === '') return undefined;
    const trimmed = message.trim();
    return trimmed.length > maxScannerMessageLength
      ? `${trimmed.slice(0, maxScannerMessageLength)}...`
      : trimmed;
  } catch {
    // An unreadable error body still leaves the status, which the caller reports.
    return undefined;
  }
}

const kindByStatus = new Map<number, ScannerErrorKind>([
  [400, 'bad-request'],
  [404, 'not-found'],
  [415, 'unsupported-media-type'],
  [422, 'invalid-field'],
]);

function kindForStatus(status: number, failedScan: boolean): ScannerErrorKind {
  const known = kindByStatus.get(status);
  if (known !== undefined) return known;
  // The report endpoint returns 500 when the scan job failed, as the API specification defines.
  if (status === 500 && failedScan) return 'scan-failed';
  if (status >= 500) return 'server-error';
  return 'unexpected-status';
}

/** Turns an error status into a ScannerError. `operation` names the request, for example `the scan request`. */
export async function errorFromResponse(
  response: Response,
  endpoint: string,
  operation: string,
  options: { failedScan?: boolean } = {},
): Promise<ScannerError> {
  const scannerMessage = await readScannerMessage(response, endpoint);
  const status = response.status;
  const kind = kindForStatus(status, options.failedScan === true);

  const summary =
    kind === 'scan-failed'
      ? `Scan failed at scanner ${endpoint}`
      : `Scanner ${endpoint} responded with ${status} to ${operation}`;
  const message = scannerMessage === undefined ? summary : `${summary}: ${scannerMessage}`;
  return new ScannerError(
    kind,
    endpoint,
    message,
    scannerMessage === undefined ? { status } : { status, scannerMessage },
  );
}

/**
 * Turns a failed fetch or body read into a ScannerError. The caller's own abort is re-thrown
 * unchanged, so cancelling a scan is not reported as a scanner failure.
 */
export function errorFromFetchFailure(
  error: unknown,
  endpoint: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): unknown {
  if (error instanceof ScannerError) return error;
  if (callerSignal?.aborted === true) return callerSignal.reason;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new ScannerError(
      'timeout',
      endpoint,
      `Scanner ${endpoint} did not respond within ${timeoutMs} ms`,
      {
        cause: error,
      },
    );
  }

  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return new ScannerError('unavailable', endpoint, `Scanner ${endpoint} could not be reached${code}`, {
    cause: error,
  });
}
