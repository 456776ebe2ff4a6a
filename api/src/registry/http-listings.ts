import { isDigest } from './digest.ts';
import type { RegistryClient, RegistryExchange } from './http-client.ts';
import { getManifest } from './http-content.ts';
import { findNextLink } from './link-header.ts';
import { assertRepository, ImageReferenceError } from './reference.ts';
import { boundReferrers, referrersFromIndex, referrersTagFor } from './referrers.ts';
import { mediaTypes, RegistryError, type Descriptor, type ReferrerList, type TagList } from './types.ts';

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

async function readJson(
  client: RegistryClient,
  exchange: RegistryExchange,
  description: string,
): Promise<unknown> {
  const { host, maxManifestBytes } = client.config;
  const bytes = await exchange.readBody(
    maxManifestBytes,
    () =>
      new RegistryError(
        'too-large',
        host,
        `${description} from registry ${host} is larger than ${maxManifestBytes} bytes.`,
      ),
  );
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new RegistryError(
      'invalid-response',
      host,
      `${description} from registry ${host} is not valid JSON.`,
      {
        cause: error,
      },
    );
  }
}

/** Returns the next page's URL. Only links on the registry's own host are followed. */
function nextPage(client: RegistryClient, exchange: RegistryExchange, description: string): URL | undefined {
  const { host, url } = client.config;
  let next: URL | undefined;
  try {
    next = findNextLink(exchange.response.headers.get('link'), exchange.url);
  } catch (error) {
    throw new RegistryError(
      'invalid-response',
      host,
      `Registry ${host} sent an invalid Link header with ${description}.`,
      {
        cause: error,
      },
    );
  }
  if (next !== undefined && next.origin !== new URL(url).origin) {
    throw new RegistryError(
      'invalid-response',
      host,
      `Registry ${host} linked the next page of ${description} to ${next.host}.`,
    );
  }
  return next;
}

export async function ping(client: RegistryClient, signal?: AbortSignal): Promise<void> {
  const exchange = await client.request({
    method: 'GET',
    target: '/v2/',
    scope: '',
    description: 'the API check /v2/',
    signal,
  });
  await exchange.discardBody();
}

/** Lists tags page by page through `Link: rel="next"`, stopping after maxTagPages pages (`truncated`). */
export async function listTags(
  client: RegistryClient,
  repository: string,
  signal?: AbortSignal,
): Promise<TagList> {
  const { host, maxTagPages, tagPageSize } = client.config;
  assertRepository(repository);
  const description = `the tag list of ${repository}`;

  let target: URL | undefined = new URL(`/v2/${repository}/tags/list`, client.config.url);
  if (tagPageSize !== undefined) target.searchParams.set('n', String(tagPageSize));
  const tags = new Set<string>();

  for (let page = 0; page < maxTagPages && target !== undefined; page += 1) {
    const exchange = await client.request({
      method: 'GET',
      target,
      scope: pullScope(repository),
      description,
      signal,
    });
    const body = (await readJson(client, exchange, description)) as { tags?: unknown };
    if (body.tags !== null && body.tags !== undefined && !Array.isArray(body.tags)) {
      throw new RegistryError(
        'invalid-response',
        host,
        `${description} from registry ${host} has a tags field that is not a list.`,
      );
    }
    for (const tag of (body.tags ?? []) as unknown[]) {
      if (typeof tag === 'string') tags.add(tag);
    }
    target = nextPage(client, exchange, description);
  }

  return { tags: [...tags], truncated: target !== undefined };
}

async function referrersThroughTag(
  client: RegistryClient,
  repository: string,
  digest: string,
  signal?: AbortSignal,
) {
  try {
    const fetched = await getManifest(client, repository, referrersTagFor(digest), signal);
    return referrersFromIndex(
      client.config.host,
      fetched.json,
      `the referrers tag index of ${repository}@${digest}`,
    );
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') return [];
    throw error;
  }
}

/**
 * Lists referrers through the referrers API. A 404 means the registry lacks the API, so the
 * `sha256-<hex>` referrers tag is read instead. At most maxReferrers are returned.
 */
export async function listReferrers(
  client: RegistryClient,
  repository: string,
  digest: string,
  signal?: AbortSignal,
): Promise<ReferrerList> {
  const { host, maxReferrers, maxTagPages } = client.config;
  assertRepository(repository);
  if (!isDigest(digest))
    throw new ImageReferenceError(`invalid digest "${digest}": expected sha256:<64 hex digits>.`);
  const description = `the referrers of ${repository}@${digest}`;

  let target: URL | undefined = new URL(`/v2/${repository}/referrers/${digest}`, client.config.url);
  const found: Descriptor[] = [];
  for (let page = 0; page < maxTagPages && target !== undefined && found.length <= maxReferrers; page += 1) {
    const exchange = await client.request({
      method: 'GET',
      target,
      scope: pullScope(repository),
      accept: mediaTypes.ociIndex,
      description,
      signal,
      passStatuses: page === 0 ? [404] : [],
    });
    if (exchange.response.status === 404) {
      await exchange.discardBody();
      return boundReferrers(await referrersThroughTag(client, repository, digest, signal), maxReferrers);
    }

    found.push(...referrersFromIndex(host, await readJson(client, exchange, description), description));
    target = nextPage(client, exchange, description);
  }

  return boundReferrers(found, maxReferrers, target !== undefined);
}
