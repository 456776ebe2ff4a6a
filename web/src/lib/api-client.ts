import { errorBodySchema, type ErrorCode } from '@assay/api/contract';
import type { z } from 'zod';

/**
 * Reason a request to the API failed. `api` carries an error body that the API sent. `network`
 * means that no HTTP response arrived. `unexpected-response` is a response that is neither a valid
 * error body nor data matching the contract, such as an HTML error page from a proxy.
 */
export type ApiFailure =
  | { kind: 'api'; status: number; code: ErrorCode; message: string; details?: unknown }
  | { kind: 'network'; message: string }
  | { kind: 'unexpected-response'; status: number; message: string };

export class ApiError extends Error {
  readonly failure: ApiFailure;

  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiError';
    this.failure = failure;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Values of a query string; arrays repeat the parameter, `undefined` and empty arrays are left out. */
export type SearchValues = Record<string, string | number | readonly string[] | undefined>;

export interface RequestOptions {
  search?: SearchValues;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** Sends a GET request and validates the JSON body against `schema`; throws {@link ApiError}. */
  getJson<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    options?: RequestOptions,
  ): Promise<z.output<Schema>>;
  /** Sends a GET request and returns the body as text, unchanged; throws {@link ApiError}. */
  getText(path: string, options?: RequestOptions): Promise<string>;
  /** Builds the absolute URL of an API path, for links such as raw manifest downloads. */
  url(path: string, search?: SearchValues): string;
  /**
   * Sends a state-changing request with the session's CSRF token and a JSON body, a FormData body sent
   * as multipart, or a Blob sent as its bytes. Validates the response against `schema` (no schema: the
   * body is ignored, as for 204). A CSRF rejection fetches a fresh token from `GET /session` and tries
   * once more.
   */
  sendJson<Schema extends z.ZodType>(
    method: MutationMethod,
    path: string,
    options?: { body?: unknown; schema?: Schema },
  ): Promise<z.output<Schema>>;
  /** Stores the CSRF token that `GET /session` or a sign-in returned, for the next state-changing request. */
  setCsrfToken(token: string): void;
}

export type MutationMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClientDependencies {
  /** Origin and prefix of the API, for example `http://127.0.0.1:8787/api/v1` or `/api/v1`. */
  baseUrl: string;
  fetch: typeof globalThis.fetch;
}

export function createApiClient({ baseUrl, fetch }: ApiClientDependencies): ApiClient {
  const prefix = baseUrl.replace(/\/+$/, '');

  function url(path: string, search?: SearchValues): string {
    const query = search ? toSearchParams(search).toString() : '';
    return `${prefix}${path}${query ? `?${query}` : ''}`;
  }

  async function send(path: string, accept: string, options: RequestOptions): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url(path, options.search), {
        headers: { accept },
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (error) {
      // TanStack Query cancels superseded requests through the signal; that is not a failure to report.
      if (options.signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError({
        kind: 'network',
        message: `Request to ${path} failed before a response arrived: ${reason}`,
      });
    }

    if (!response.ok) throw await readFailure(path, response);
    return response;
  }

  let csrfToken: string | undefined;

  async function freshCsrfToken(): Promise<string> {
    const response = await send('/session', 'application/json', {});
    const body = await readJson(response);
    const token = (body.value as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token !== 'string') {
      throw new ApiError({
        kind: 'unexpected-response',
        status: response.status,
        message: 'GET /session returned no CSRF token.',
      });
    }
    csrfToken = token;
    return token;
  }

  async function sendWithToken(method: MutationMethod, path: string, body: unknown, token: string) {
    const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': token };
    // A FormData body goes out as multipart, with the boundary in the content type fetch writes, and
    // a Blob (a file's own bytes) goes out unchanged.
    const isForm = body instanceof FormData || body instanceof Blob;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    try {
      return await fetch(url(path), {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError({
        kind: 'network',
        message: `${method} ${path} failed before a response arrived: ${reason}`,
      });
    }
  }

  return {
    url,

    setCsrfToken(token) {
      csrfToken = token;
    },

    async sendJson(method, path, options = {}) {
      let response = await sendWithToken(method, path, options.body, csrfToken ?? (await freshCsrfToken()));
      if (!response.ok) {
        let failure = await readFailure(path, response);
        if (isCsrfRejection(failure)) {
          response = await sendWithToken(method, path, options.body, await freshCsrfToken());
          if (!response.ok) failure = await readFailure(path, response);
        }
        if (!response.ok) throw failure;
      }
      if (!options.schema) return undefined as z.output<NonNullable<typeof options.schema>>;
      const body = await readJson(response);
      const parsed = options.schema.safeParse(body.value);
      if (!body.ok || !parsed.success) {
        throw new ApiError({
          kind: 'unexpected-response',
          status: response.status,
          message: `Response of ${method} ${path} does not match the API contract.`,
        });
      }
      return parsed.data;
    },

    async getJson(path, schema, options = {}) {
      const response = await send(path, 'application/json', options);
      const body = await readJson(response);
      const parsed = schema.safeParse(body.value);
      if (!body.ok || !parsed.success) {
        const reason = body.ok ? describeIssues(parsed.error?.issues ?? []) : 'the body is not JSON';
        throw new ApiError({
          kind: 'unexpected-response',
          status: response.status,
          message: `Response of ${path} does not match the API contract: ${reason}.`,
        });
      }
      return parsed.data;
    },

    async getText(path, options = {}) {
      const response = await send(path, '*/*', options);
      return response.text();
    },
  };
}

/** True for the API's rejection of a missing or stale CSRF token. */
function isCsrfRejection(error: ApiError): boolean {
  const failure = error.failure;
  return (
    failure.kind === 'api' &&
    failure.code === 'forbidden' &&
    (failure.details as { reason?: unknown } | undefined)?.reason === 'csrf'
  );
}

/** Turns a non-2xx response into an {@link ApiError}, using the API's error body when there is one. */
export async function readFailure(path: string, response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const parsed = errorBodySchema.safeParse(body.value);
  if (body.ok && parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError({ kind: 'api', status: response.status, code, message, details });
  }
  return new ApiError({
    kind: 'unexpected-response',
    status: response.status,
    message: `${path} returned HTTP ${response.status} without an Assay error body.`,
  });
}

async function readJson(response: Response): Promise<{ ok: boolean; value: unknown }> {
  const text = await response.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function formatPath(path: PropertyKey[]): string {
  let text = '$';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return text;
}

export function toSearchParams(values: SearchValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') {
      params.append(key, String(value));
      continue;
    }
    for (const item of value) params.append(key, item);
  }
  return params;
}

/** The client the app uses: same-origin API, served by the API itself or proxied by Vite in development. */
export const apiClient = createApiClient({
  baseUrl: '/api/v1',
  fetch: (input, init) => globalThis.fetch(input, init),
});
