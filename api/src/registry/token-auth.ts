import type { Logger } from 'pino';
import { errorForNetworkFailure } from './http-errors.ts';
import type { HttpRegistryConfig } from './http-config.ts';
import { readBodyBounded } from './read-bounded.ts';
import { RegistryError } from './types.ts';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate.ts';

// The Distribution token spec makes 60 s the lifetime when `expires_in` is missing.
const defaultTokenLifetimeSeconds = 60;
// Renew a little before expiry so a token does not lapse while a request is in flight.
const renewBeforeExpiryMs = 5_000;
const maxTokenResponseBytes = 64 * 1024;

export interface RegistryAuthDeps {
  fetch: typeof fetch;
  now: () => number;
  logger: Logger | undefined;
}

/** Credentials handling for one registry: Basic, or Bearer tokens cached per scope until they expire. */
export interface RegistryAuth {
  /** The Authorization value to send with a request for `scope`, once the registry's scheme is known. */
  authorizationFor(scope: string): Promise<string | undefined>;
  /** Handles a 401 challenge: returns a fresh Authorization value for one retry, or throws 'unauthorized'. */
  respondToChallenge(header: string | null, scope: string): Promise<string>;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

interface BearerRealm {
  realm: URL;
  service: string | undefined;
}

function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Origin and path of the realm, for messages: the query may carry the scope but never credentials. */
function realmForMessages(realm: URL): string {
  return `${realm.origin}${realm.pathname}`;
}

function readTokenResponse(
  host: string,
  realm: URL,
  bytes: Uint8Array,
): { token: string; expiresInSeconds: number } {
  let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(new TextDecoder().decode(bytes)) as typeof body;
  } catch (error) {
    throw new RegistryError(
      'invalid-response',
      host,
      `Token endpoint ${realmForMessages(realm)} returned invalid JSON.`,
      {
        cause: error,
      },
    );
  }

  // Docker clients read `token` and OAuth 2 clients read `access_token`, so registries may send either or both.
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new RegistryError(
      'invalid-response',
      host,
      `Token endpoint ${realmForMessages(realm)} returned no token or access_token field.`,
    );
  }

  const expiresIn = body.expires_in;
  const expiresInSeconds =
    typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0
      ? expiresIn
      : defaultTokenLifetimeSeconds;
  return { token, expiresInSeconds };
}

export function createRegistryAuth(config: HttpRegistryConfig, deps: RegistryAuthDeps): RegistryAuth {
  const host = config.host;
  const registryUrl = new URL(config.url);
  const credentials =
    config.username !== undefined && config.password !== undefined
      ? basicAuthorization(config.username, config.password)
      : undefined;

  let scheme: 'basic' | 'bearer' | undefined;
  let bearerRealm: BearerRealm | undefined;
  const tokens = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<string>>();

  function checkRealm(realmText: string | undefined): URL {
    let realm: URL;
    try {
      realm = new URL(realmText ?? '');
    } catch {
      throw new RegistryError(
        'invalid-response',
        host,
        `Registry ${host} sent a Bearer challenge without a valid realm URL.`,
      );
    }

    const allowedHost =
      realm.host === registryUrl.host || config.authRealmHosts.includes(realm.host.toLowerCase());
    if (!allowedHost) {
      throw new RegistryError(
        'unauthorized',
        host,
        `Registry ${host} sent its token realm on host ${realm.host}, which is not allowed; add it to authRealmHosts to let Assay request tokens there.`,
      );
    }
    // Credentials may travel over plain HTTP only when the registry itself was configured with http.
    const downgrade = realm.protocol === 'http:' && registryUrl.protocol === 'https:';
    if (!['http:', 'https:'].includes(realm.protocol) || downgrade) {
      throw new RegistryError(
        'unauthorized',
        host,
        `Registry ${host} sent a token realm that is not https: ${realm.protocol}.`,
      );
    }
    return realm;
  }

  async function requestToken(realm: BearerRealm, scope: string, cacheKey: string): Promise<string> {
    const url = new URL(realm.realm);
    if (realm.service !== undefined) url.searchParams.set('service', realm.service);
    // A challenge may name several scopes separated by spaces, and the token endpoint takes one `scope` parameter each.
    for (const item of scope.split(' ').filter((part) => part !== '')) url.searchParams.append('scope', item);

    // Concurrent callers share this request, so one caller's abort signal must not end it. The timeout bounds it.
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credentials !== undefined) headers.authorization = credentials;
    const description = `a token request to ${realmForMessages(realm.realm)}`;
    const started = deps.now();

    let bytes: Uint8Array;
    let status: number;
    try {
      const response = await deps.fetch(url, { headers, signal: timeout, redirect: 'error' });
      status = response.status;
      bytes = await readBodyBounded(
        response,
        maxTokenResponseBytes,
        () =>
          new RegistryError(
            'invalid-response',
            host,
            `Token endpoint ${realmForMessages(realm.realm)} returned too large a body.`,
          ),
      );
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw errorForNetworkFailure(host, error, description, {
        fired: timeout.aborted,
        ms: config.timeoutMs,
      });
    }

    if (status === 401 || status === 403) {
      const who = credentials === undefined ? 'anonymous access' : `the credentials of ${config.username}`;
      throw new RegistryError(
        status === 401 ? 'unauthorized' : 'denied',
        host,
        `Token endpoint ${realmForMessages(realm.realm)} of registry ${host} rejected ${who} (HTTP ${status}).`,
      );
    }
    if (status < 200 || status > 299) {
      throw new RegistryError(
        status >= 500 ? 'unavailable' : 'invalid-response',
        host,
        `Token endpoint ${realmForMessages(realm.realm)} of registry ${host} returned HTTP ${status}.`,
      );
    }

    const { token, expiresInSeconds } = readTokenResponse(host, realm.realm, bytes);
    const lifetimeMs = expiresInSeconds * 1000;
    tokens.set(cacheKey, {
      token,
      expiresAt: started + lifetimeMs - Math.min(renewBeforeExpiryMs, lifetimeMs / 2),
    });
    deps.logger?.debug({ registry: host, scope, expiresInSeconds }, 'obtained registry token');
    return token;
  }

  /** Starts at most one token request per cache key at a time, which concurrent callers share. */
  function fetchToken(realm: BearerRealm, scope: string, cacheKey: string): Promise<string> {
    const running = pending.get(cacheKey);
    if (running !== undefined) return running;

    const request = requestToken(realm, scope, cacheKey).finally(() => pending.delete(cacheKey));
    pending.set(cacheKey, request);
    return request;
  }

  function chooseChallenge(header: string | null): AuthChallenge | undefined {
    if (header === null) return undefined;
    let challenges: AuthChallenge[];
    try {
      challenges = parseWwwAuthenticate(header);
    } catch (error) {
      throw new RegistryError(
        'invalid-response',
        host,
        `Registry ${host} sent an invalid WWW-Authenticate header.`,
        {
          cause: error,
        },
      );
    }
    return (
      challenges.find((item) => item.scheme === 'bearer') ??
      challenges.find((item) => item.scheme === 'basic')
    );
  }

  return {
    async authorizationFor(scope) {
      if (scheme === 'basic') return credentials;
      if (scheme !== 'bearer' || bearerRealm === undefined) return undefined;

      const cached = tokens.get(scope);
      if (cached !== undefined && cached.expiresAt > deps.now()) return `Bearer ${cached.token}`;
      return `Bearer ${await fetchToken(bearerRealm, scope, scope)}`;
    },

    async respondToChallenge(header, scope) {
      const challenge = chooseChallenge(header);

      if (challenge?.scheme === 'bearer') {
        bearerRealm = { realm: checkRealm(challenge.params.realm), service: challenge.params.service };
        scheme = 'bearer';
        tokens.delete(scope);
        // The token is requested for the challenge's scope and cached under the request's own scope.
        return `Bearer ${await fetchToken(bearerRealm, challenge.params.scope ?? scope, scope)}`;
      }

      if (challenge?.scheme === 'basic') {
        if (credentials === undefined) {
          throw new RegistryError(
            'unauthorized',
            host,
            `Registry ${host} requires a username and password; set them in its configuration.`,
          );
        }
        scheme = 'basic';
        return credentials;
      }

      throw new RegistryError(
        'unauthorized',
        host,
        `Registry ${host} requires authentication but sent no Bearer or Basic challenge Assay can answer.`,
      );
    },
  };
}
