import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { HttpRegistryConfig } from './http-config.ts';
import { errorForNetworkFailure, errorForStatus } from './http-errors.ts';
import { readBodyBounded, type OversizeSource } from './read-bounded.ts';
import { parseRetryAfter } from './retry-after.ts';
import { createRegistryAuth } from './token-auth.ts';
import { RegistryError } from './types.ts';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
// Without Retry-After, wait 1 s, then 2 s, and so on, capped by maxRetryWaitMs.
const defaultRetryWaitMs = 1_000;

export interface RegistryRequest {
  method: 'GET' | 'HEAD';
  /** Path below the registry URL (`/v2/a/b/manifests/1.0`) or an absolute URL on the registry host. */
  target: string | URL;
  /** Auth scope the request needs, such as `repository:a/b:pull`; empty for the `/v2/` ping. */
  scope: string;
  /** Description of the requested content for error messages, such as `manifest a/b:1.0`. */
  description: string;
  accept?: string;
  signal?: AbortSignal | undefined;
  /** Hosts besides the registry's own that a redirect may lead to (blob storage). */
  redirectHosts?: readonly string[];
  /** Unsuccessful statuses returned to the caller instead of thrown, such as 404 for the referrers API. */
  passStatuses?: readonly number[];
}

/** A response whose status was accepted, with a body reader that keeps the request's timeout. */
export interface RegistryExchange {
  response: Response;
  /** URL of the final response, after redirects. */
  url: URL;
  readBody(
    limit: number,
    tooLarge: (source: OversizeSource, declaredBytes?: number) => Error,
  ): Promise<Uint8Array>;
  discardBody(): Promise<void>;
}

export interface RegistryClient {
  readonly config: HttpRegistryConfig;
  request(request: RegistryRequest): Promise<RegistryExchange>;
}

export interface RegistryClientDeps {
  fetch: typeof fetch;
  now: () => number;
  logger: Logger | undefined;
}

interface Attempt {
  response: Response;
  url: URL;
  timeout: AbortSignal;
}

export function createRegistryClient(config: HttpRegistryConfig, deps: RegistryClientDeps): RegistryClient {
  const host = config.host;
  const baseUrl = new URL(config.url);
  const auth = createRegistryAuth(config, deps);

  function rethrowCallerAbort(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw signal.reason;
  }

  function checkRedirect(from: URL, location: string, request: RegistryRequest): URL {
    const target = new URL(location, from);
    const sameHost =
      target.host === baseUrl.host && (target.protocol === baseUrl.protocol || target.protocol === 'https:');
    const allowed = sameHost || (request.redirectHosts ?? []).includes(target.host.toLowerCase());
    if (!allowed || !['http:', 'https:'].includes(target.protocol)) {
      const hint = request.redirectHosts === undefined ? '' : '; add it to blobRedirectHosts to allow it';
      throw new RegistryError(
        'invalid-response',
        host,
        `Registry ${host} redirected ${request.description} to ${target.protocol}//${target.host}, which Assay does not contact${hint}.`,
      );
    }
    return target;
  }

  /** Sends one attempt of the request and follows its allowed redirects, all under one timeout. */
  async function attempt(request: RegistryRequest, authorization: string | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([timeout, request.signal]);
    let url = new URL(request.target, baseUrl);

    try {
      for (let redirects = 0; ; redirects += 1) {
        const headers: Record<string, string> = {};
        if (request.accept !== undefined) headers.accept = request.accept;
        // Credentials go only to the registry's own host, never to a storage host it redirects to.
        if (authorization !== undefined && url.host === baseUrl.host) headers.authorization = authorization;

        const response = await deps.fetch(url, {
          method: request.method,
          headers,
          signal,
          redirect: 'manual',
        });
        const location = response.headers.get('location');
        if (!redirectStatuses.has(response.status) || location === null) return { response, url, timeout };

        await response.body?.cancel();
        if (redirects >= maxRedirects) {
          throw new RegistryError(
            'invalid-response',
            host,
            `Registry ${host} redirected ${request.description} too many times.`,
          );
        }
        url = checkRedirect(url, location, request);
      }
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      rethrowCallerAbort(request.signal);
      throw errorForNetworkFailure(host, error, request.description, {
        fired: timeout.aborted,
        ms: config.timeoutMs,
      });
    }
  }

  function exchangeFor(request: RegistryRequest, { response, url, timeout }: Attempt): RegistryExchange {
    return {
      response,
      url,
      async readBody(limit, tooLarge) {
        try {
          return await readBodyBounded(response, limit, tooLarge);
        } catch (error) {
          if (error instanceof RegistryError) throw error;
          rethrowCallerAbort(request.signal);
          throw errorForNetworkFailure(host, error, request.description, {
            fired: timeout.aborted,
            ms: config.timeoutMs,
          });
        }
      },
      async discardBody() {
        await response.body?.cancel().catch(() => undefined);
      },
    };
  }

  /** Waits before retrying a 429, or throws 'rate-limited' when retries or the wait bound run out. */
  async function waitForRetry(
    request: RegistryRequest,
    response: Response,
    retriesSoFar: number,
  ): Promise<void> {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now());
    const waitMs = retryAfterMs ?? defaultRetryWaitMs * 2 ** retriesSoFar;
    const retryAfterSeconds = Math.ceil(waitMs / 1000);

    if (retriesSoFar >= config.maxRetries || waitMs > config.maxRetryWaitMs) {
      const reason =
        retriesSoFar >= config.maxRetries
          ? `after ${retriesSoFar} retries`
          : `and asked to wait ${retryAfterSeconds} s, more than the ${config.maxRetryWaitMs} ms Assay waits`;
      throw new RegistryError(
        'rate-limited',
        host,
        `Registry ${host} rate limited ${request.description} ${reason}.`,
        {
          retryAfterSeconds,
        },
      );
    }

    deps.logger?.warn(
      { registry: host, description: request.description, waitMs, retry: retriesSoFar + 1 },
      'registry rate limited a request; retrying',
    );
    try {
      await delay(waitMs, undefined, { signal: request.signal });
    } catch (error) {
      rethrowCallerAbort(request.signal);
      throw error;
    }
  }

  async function request(request: RegistryRequest): Promise<RegistryExchange> {
    let authorization = await auth.authorizationFor(request.scope);
    let challenged = false;
    let retries = 0;

    for (;;) {
      const current = await attempt(request, authorization);
      const { response } = current;
      const exchange = exchangeFor(request, current);

      if (response.ok || (request.passStatuses ?? []).includes(response.status)) return exchange;

      if (response.status === 401 && !challenged) {
        await exchange.discardBody();
        authorization = await auth.respondToChallenge(
          response.headers.get('www-authenticate'),
          request.scope,
        );
        challenged = true;
        continue;
      }

      if (response.status === 429) {
        await exchange.discardBody();
        await waitForRetry(request, response, retries);
        retries += 1;
        continue;
      }

      throw await errorForStatus(host, response, request.description);
    }
  }

  return { config, request };
}
