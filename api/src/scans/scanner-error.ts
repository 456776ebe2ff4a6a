export type ScannerErrorKind =
  /** 400: the scanner could not read the request. */
  | 'bad-request'
  /** 422: the scanner read the request but a field is invalid. */
  | 'invalid-field'
  /** 404: the scanner does not know the scan id. */
  | 'not-found'
  /** 415: the scanner cannot produce the requested report type. */
  | 'unsupported-media-type'
  /** The scanner cannot scan this artifact type or produce a report type Assay reads. */
  | 'unsupported-artifact'
  /** 500 from the report endpoint: the scan job failed. */
  | 'scan-failed'
  /** Any other 5xx. */
  | 'server-error'
  /** A status the API does not define for the operation. */
  | 'unexpected-status'
  /** A body that does not match the API's schema. */
  | 'invalid-response'
  /** A body larger than the configured bound. */
  | 'too-large'
  /** One request took longer than the request timeout. */
  | 'timeout'
  /** The report was still pending after the maximum wait or number of polls. */
  | 'report-timeout'
  /** The scanner could not be reached (connection refused, DNS, reset). */
  | 'unavailable';

/**
 * A scanner failure, safe to show to administrators: it names the endpoint without credentials and
 * carries the scanner's own message (`{ error: { message } }`) when there is one.
 */
export class ScannerError extends Error {
  readonly kind: ScannerErrorKind;
  /** Endpoint URL without query or credentials, for example `http://127.0.0.1:8080/api/v1/scan`. */
  readonly endpoint: string;
  readonly status: number | undefined;
  /** The message from the scanner's error body, truncated. */
  readonly scannerMessage: string | undefined;

  constructor(
    kind: ScannerErrorKind,
    endpoint: string,
    message: string,
    options?: { status?: number; scannerMessage?: string; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScannerError';
    this.kind = kind;
    this.endpoint = endpoint;
    this.status = options?.status;
    this.scannerMessage = options?.scannerMessage;
  }
}
