import { AppError } from '../http/errors.ts';
import { maxManifestBytes } from '../manifests/parse.ts';

const maxRedirects = 3;

export interface ManifestFetchOptions {
  /** Hosts (`host` or `host:port`, lower case) that manifests may be fetched from; nothing else is contacted. */
  allowedHosts: readonly string[];
  timeoutMs: number;
  fetch?: typeof fetch;
}

function checkAllowed(url: URL, allowedHosts: readonly string[]): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('invalid-input', `Only http and https URLs can be imported, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new AppError('invalid-input', 'Manifest URLs must not contain credentials.');
  }
  if (!allowedHosts.includes(url.host.toLowerCase())) {
    const allowed = allowedHosts.length > 0 ? allowedHosts.join(', ') : 'none; set ASSAY_MANIFEST_URL_HOSTS';
    throw new AppError(
      'invalid-input',
      `Host ${url.host} is not allowed for manifest imports (allowed: ${allowed}).`,
      {
        host: url.host,
      },
    );
  }
}

async function readAtMost(response: Response, limit: number, url: URL): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > limit) {
    throw new AppError(
      'payload-too-large',
      `${url.href} is ${declared} bytes, more than the ${limit}-byte manifest limit.`,
    );
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // The request's timeout signal also ends a body that stalls after the headers arrived.
      if ((error as Error).name === 'TimeoutError')
        throw new AppError('upstream-timeout', `Fetching ${url.href} timed out.`);
      throw new AppError('upstream-unavailable', `Reading ${url.href} failed: ${(error as Error).message}`);
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new AppError('payload-too-large', `${url.href} is larger than the ${limit}-byte manifest limit.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads a manifest from an allowlisted host. Redirects are followed by hand, at most three, and only
 * to allowlisted hosts, so a redirect cannot make the server fetch anything else. The body is cut off
 * at the manifest size limit.
 */
export async function fetchManifestFromUrl(
  address: string,
  options: ManifestFetchOptions,
): Promise<Uint8Array> {
  if (!URL.canParse(address)) throw new AppError('invalid-input', `"${address}" is not a URL.`);
  let url = new URL(address);
  const fetchImpl = options.fetch ?? fetch;
  for (let redirects = 0; ; redirects += 1) {
    checkAllowed(url, options.allowedHosts);
    let response: Response;
    try {
      response = await fetchImpl(url, { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new AppError(
          'upstream-timeout',
          `Fetching ${url.href} timed out after ${options.timeoutMs} ms.`,
        );
      }
      throw new AppError('upstream-unavailable', `Could not fetch ${url.href}: ${(error as Error).message}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (redirects >= maxRedirects)
        throw new AppError('upstream-unavailable', `${address} redirects more than ${maxRedirects} times.`);
      url = new URL(location, url);
      continue;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const code = response.status === 404 ? 'not-found' : 'upstream-unavailable';
      throw new AppError(code, `${url.href} returned HTTP ${response.status}.`);
    }
    return readAtMost(response, maxManifestBytes, url);
  }
}
