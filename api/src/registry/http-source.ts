import type { Logger } from 'pino';
import { createRegistryClient } from './http-client.ts';
import { httpRegistryConfigSchema, type HttpRegistryConfigInput } from './http-config.ts';
import { getBlob, getManifest, headManifest } from './http-content.ts';
import { listReferrers, listTags, ping } from './http-listings.ts';
import type { RegistrySource } from './types.ts';

export {
  httpRegistryConfigSchema,
  type HttpRegistryConfig,
  type HttpRegistryConfigInput,
} from './http-config.ts';

export interface HttpRegistryDeps {
  /** The fetch to send requests with; tests pass a wrapper to count requests. Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Receives retries and token renewals; never tokens, credentials or bodies. */
  logger?: Logger;
  /** Clock for token expiry and Retry-After dates, in epoch milliseconds. */
  now?: () => number;
}

/**
 * Creates a read-only client of one registry over the OCI Distribution API.
 * Validates `config` with httpRegistryConfigSchema (throwing its ZodError) and applies the default limits.
 */
export function createHttpRegistrySource(
  config: HttpRegistryConfigInput,
  deps: HttpRegistryDeps = {},
): RegistrySource {
  const parsed = httpRegistryConfigSchema.parse(config);
  const client = createRegistryClient(parsed, {
    fetch: deps.fetch ?? globalThis.fetch,
    now: deps.now ?? Date.now,
    logger: deps.logger,
  });

  return {
    host: parsed.host,
    kind: 'http',
    ping: (signal) => ping(client, signal),
    listTags: (repository, signal) => listTags(client, repository, signal),
    headManifest: (repository, reference, signal) => headManifest(client, repository, reference, signal),
    getManifest: (repository, reference, signal) => getManifest(client, repository, reference, signal),
    getBlob: (repository, descriptor, signal) => getBlob(client, repository, descriptor, signal),
    listReferrers: (repository, digest, signal) => listReferrers(client, repository, digest, signal),
  };
}
