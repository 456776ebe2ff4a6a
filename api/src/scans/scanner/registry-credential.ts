import type { Logger } from 'pino';
import type { HttpRegistryConfig } from '../../registry/http-config.ts';
import { errorForNetworkFailure } from '../../registry/http-errors.ts';
import { createRegistryAuth } from '../../registry/token-auth.ts';
import { RegistryError } from '../../registry/types.ts';

export interface RegistryCredentialDeps {
  fetch: typeof fetch;
  now: () => number;
  logger: Logger | undefined;
}

/**
 * Returns the `Authorization` value a scanner needs to pull one repository of a configured registry,
 * or undefined when the registry allows anonymous pulls. A registry with Bearer token auth gets a
 * token requested for `repository:<repository>:pull` only, so the scanner cannot read other
 * repositories or push.
 *
 * NOTE: a registry that asks for Basic credentials gets the configured username and password, which
 * are no narrower than Assay's own access. Use a registry with token auth, or a read-only account.
 */
export async function scopedRegistryAuthorization(
  config: HttpRegistryConfig,
  repository: string,
  deps: RegistryCredentialDeps,
): Promise<string | undefined> {
  const pingUrl = new URL('/v2/', config.url);
  const timeout = AbortSignal.timeout(config.timeoutMs);

  let response: Response;
  try {
    response = await deps.fetch(pingUrl, { signal: timeout, redirect: 'manual' });
    await response.body?.cancel();
  } catch (error) {
    throw errorForNetworkFailure(config.host, error, `the API check of ${config.host}`, {
      fired: timeout.aborted,
      ms: config.timeoutMs,
    });
  }
  if (response.status >= 200 && response.status <= 299) return undefined;
  if (response.status !== 401) {
    throw new RegistryError(
      response.status >= 500 ? 'unavailable' : 'invalid-response',
      config.host,
      `Registry ${config.host} answered GET /v2/ with HTTP ${response.status}, so no pull credential could be made for the scanner.`,
    );
  }

  const auth = createRegistryAuth(config, deps);
  return auth.respondToChallenge(response.headers.get('www-authenticate'), `repository:${repository}:pull`);
}
