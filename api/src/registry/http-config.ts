import { z } from 'zod';

const mebibyte = 1024 * 1024;

const positiveInteger = (name: string, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be 1-${max}`)
    .max(max, `${name} must be 1-${max}`);

const hostList = (name: string) =>
  z
    .array(z.string().min(1, `${name} entries must be host or host:port names`))
    .default([])
    .transform((hosts) => hosts.map((host) => host.toLowerCase()));

/** Configuration of one registry reached over the OCI Distribution API. */
export const httpRegistryConfigSchema = z
  .object({
    /** Host as written in image references, for example `ghcr.io` or `localhost:5000`. */
    host: z
      .string({ error: 'host is required, as written in image references (for example ghcr.io)' })
      .min(1, 'host is required, as written in image references (for example ghcr.io)'),
    /** Base URL of the API, for example `https://ghcr.io` or `http://127.0.0.1:5000`; `/v2/` is appended. */
    url: z.url({ protocol: /^https?$/, error: 'url must be an http or https URL' }).refine((value) => {
      // zod runs this refinement even after the URL check failed, so an unparsable value must not throw.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.pathname === '/' && url.search === '' && url.username === '' && url.password === '';
    }, 'url must be the registry origin, such as https://ghcr.io, without a path, query or credentials'),
    username: z.string().min(1, 'username must not be empty').optional(),
    password: z.string().min(1, 'password must not be empty').optional(),
    timeoutMs: positiveInteger('timeoutMs', 600_000).default(10_000),
    maxManifestBytes: positiveInteger('maxManifestBytes', 64 * mebibyte).default(4 * mebibyte),
    /** Bound for config blobs and signature payloads; image layers are never downloaded. */
    maxBlobBytes: positiveInteger('maxBlobBytes', 1024 * mebibyte).default(16 * mebibyte),
    maxTagPages: positiveInteger('maxTagPages', 1000).default(20),
    /** Page size sent as `n` on tag listings; without it the registry picks its own. */
    tagPageSize: positiveInteger('tagPageSize', 10_000).optional(),
    maxReferrers: positiveInteger('maxReferrers', 10_000).default(100),
    /** Retries after `429 Too Many Requests`. */
    maxRetries: z
      .number({ error: 'maxRetries must be a number' })
      .int('maxRetries must be a whole number')
      .min(0, 'maxRetries must be 0-10')
      .max(10, 'maxRetries must be 0-10')
      .default(2),
    /** Longest `Retry-After` wait honoured; a longer one fails at once as 'rate-limited'. */
    maxRetryWaitMs: positiveInteger('maxRetryWaitMs', 600_000).default(10_000),
    /** Hosts (host or host:port) that blob downloads may be redirected to, such as a storage bucket. */
    blobRedirectHosts: hostList('blobRedirectHosts'),
    /** Hosts other than the registry's own that may serve the Bearer token realm, such as `auth.docker.io`. */
    authRealmHosts: hostList('authRealmHosts'),
  })
  .refine((config) => (config.username === undefined) === (config.password === undefined), {
    message: 'username and password must be set together',
    path: ['password'],
  });

/** Configuration as written by the operator; omitted limits take their defaults. */
export type HttpRegistryConfigInput = z.input<typeof httpRegistryConfigSchema>;
/** Configuration with defaults applied. */
export type HttpRegistryConfig = z.output<typeof httpRegistryConfigSchema>;
