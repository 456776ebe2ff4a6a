import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpRegistrySource, type HttpRegistryConfigInput } from '../../src/registry/http-source.ts';
import { referrersTagFor } from '../../src/registry/referrers.ts';
import { mediaTypes, RegistryError, type RegistrySource } from '../../src/registry/types.ts';
import {
  blobOf,
  createCountingFetch,
  jsonBlob,
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type PushedImage,
  type PushedIndex,
  type TestRegistry,
} from '../support/registry/index.ts';

let registry: TestRegistry;
let ociImage: PushedImage;
let dockerImage: PushedImage;
let ociIndex: PushedIndex;
let dockerList: PushedIndex;

function sourceFor(extra: Partial<HttpRegistryConfigInput> = {}, fetchImpl?: typeof fetch): RegistrySource {
  return createHttpRegistrySource(
    { host: registry.host, url: registry.url, ...extra },
    fetchImpl ? { fetch: fetchImpl } : {},
  );
}

async function registryError(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

beforeAll(async () => {
  registry = await startRegistry();
  ociImage = await pushImage(registry.url, 'wipp/oci', '1.0', {
    labels: { 'org.opencontainers.image.title': 'oci' },
  });
  dockerImage = await pushImage(registry.url, 'wipp/docker', '1.0', { format: 'docker' });
  ociIndex = await pushIndex(registry.url, 'wipp/multi', '1.0');
  dockerList = await pushIndex(registry.url, 'wipp/multi', 'list', { format: 'docker', content: 'list' });
});

afterAll(async () => {
  await registry?.stop();
});

describe('HTTP registry source against the Distribution registry', () => {
  test('ping succeeds', async () => {
    await expect(sourceFor().ping()).resolves.toBeUndefined();
  });

  const manifestCases = [
    {
      name: 'OCI image manifest',
      repository: 'wipp/oci',
      tag: '1.0',
      mediaType: mediaTypes.ociManifest,
      pushed: () => ociImage,
    },
    {
      name: 'Docker manifest v2',
      repository: 'wipp/docker',
      tag: '1.0',
      mediaType: mediaTypes.dockerManifest,
      pushed: () => dockerImage,
    },
    {
      name: 'OCI image index',
      repository: 'wipp/multi',
      tag: '1.0',
      mediaType: mediaTypes.ociIndex,
      pushed: () => ociIndex,
    },
    {
      name: 'Docker manifest list',
      repository: 'wipp/multi',
      tag: 'list',
      mediaType: mediaTypes.dockerManifestList,
      pushed: () => dockerList,
    },
  ];

  test.each(manifestCases)('fetches $name by tag', async ({ repository, tag, mediaType, pushed }) => {
    const manifest = await sourceFor().getManifest(repository, tag);

    expect(manifest.mediaType).toBe(mediaType);
    expect(manifest.digest).toBe(pushed().digest);
    expect((manifest.json as { mediaType: string }).mediaType).toBe(mediaType);
  });

  test('fetches a manifest by digest and by descriptor', async () => {
    const source = sourceFor();
    const byDigest = await source.getManifest('wipp/oci', ociImage.digest);
    const byDescriptor = await source.getManifest('wipp/oci', ociImage.manifest.descriptor);

    expect(byDigest.bytes).toEqual(ociImage.manifest.bytes);
    expect(byDescriptor.digest).toBe(ociImage.digest);
  });

  test('returns the index digest for a multi-platform tag', async () => {
    const manifest = await sourceFor().getManifest('wipp/multi', '1.0');
    const entries = (manifest.json as { manifests: { digest: string }[] }).manifests;

    expect(manifest.digest).toBe(ociIndex.index.descriptor.digest);
    expect(entries.map((entry) => entry.digest)).toContain(ociIndex.platforms[0]?.manifest.descriptor.digest);
  });

  test('resolves a tag with one HEAD request', async () => {
    const counting = createCountingFetch();
    const head = await sourceFor({}, counting.fetch).headManifest('wipp/multi', '1.0');

    expect(head).toEqual({
      digest: ociIndex.digest,
      mediaType: mediaTypes.ociIndex,
      size: ociIndex.index.bytes.byteLength,
    });
    expect(counting.requests.map((request) => request.method)).toEqual(['HEAD']);
  });

  test('follows a tag that moves', async () => {
    const source = sourceFor();
    const first = await pushImage(registry.url, 'wipp/moving', 'stable', { content: 'first' });
    const before = await source.headManifest('wipp/moving', 'stable');
    const second = await pushImage(registry.url, 'wipp/moving', 'stable', { content: 'second' });
    const after = await source.getManifest('wipp/moving', 'stable');

    expect(before.digest).toBe(first.digest);
    expect(after.digest).toBe(second.digest);
    expect(after.digest).not.toBe(before.digest);
    expect((await source.getManifest('wipp/moving', first.digest)).digest).toBe(first.digest);
  });

  test('downloads and verifies a config blob', async () => {
    const bytes = await sourceFor().getBlob('wipp/oci', ociImage.config.descriptor);
    const config = JSON.parse(new TextDecoder().decode(bytes)) as {
      config: { Labels: Record<string, string> };
    };

    expect(config.config.Labels['org.opencontainers.image.title']).toBe('oci');
  });

  test('rejects a blob above maxBlobBytes without a request', async () => {
    const counting = createCountingFetch();
    const source = sourceFor({ maxBlobBytes: 10 }, counting.fetch);
    const error = await registryError(source.getBlob('wipp/oci', ociImage.config.descriptor));

    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('maxBlobBytes');
    expect(counting.requests).toHaveLength(0);
  });

  test('rejects a manifest descriptor above maxManifestBytes without a request', async () => {
    const counting = createCountingFetch();
    const source = sourceFor({ maxManifestBytes: 100 }, counting.fetch);
    const error = await registryError(source.getManifest('wipp/oci', ociImage.manifest.descriptor));

    expect(error.kind).toBe('too-large');
    expect(counting.requests).toHaveLength(0);
  });

  test('rejects an oversized manifest from its Content-Length', async () => {
    const error = await registryError(sourceFor({ maxManifestBytes: 100 }).getManifest('wipp/oci', '1.0'));

    expect(error.kind).toBe('too-large');
    expect(error.message).toContain(`${ociImage.manifest.bytes.byteLength} bytes`);
  });

  test('rejects a descriptor whose size differs from the manifest', async () => {
    const descriptor = { digest: ociImage.digest, size: ociImage.manifest.bytes.byteLength - 1 };
    const error = await registryError(sourceFor().getManifest('wipp/oci', descriptor));

    expect(error.kind).toBe('invalid-response');
  });

  const missing = [
    { name: 'unknown tag', repository: 'wipp/oci', reference: 'nope' },
    { name: 'unknown repository', repository: 'wipp/none', reference: '1.0' },
    { name: 'unknown digest', repository: 'wipp/oci', reference: `sha256:${'0'.repeat(64)}` },
  ];

  test.each(missing)('reports not-found for an $name', async ({ repository, reference }) => {
    const error = await registryError(sourceFor().getManifest(repository, reference));

    expect(error.kind).toBe('not-found');
    expect(error.host).toBe(registry.host);
    expect(error.message).toContain(registry.host);
  });
});

describe('tag listing', () => {
  const tags = ['t1', 't2', 't3', 't4', 't5'];
  let proxy: FaultProxy;

  beforeAll(async () => {
    const image = await pushImage(registry.url, 'wipp/paged', tags[0]);
    for (const tag of tags.slice(1)) {
      await pushManifest(registry.url, 'wipp/paged', tag, mediaTypes.ociManifest, image.manifest.bytes);
    }
    // Distribution 2.8 ignores `n`, so the proxy pages its response as Distribution 3 does.
    proxy = await startFaultProxy(registry.url, { tagPageSize: 100 });
  });

  afterAll(async () => {
    await proxy?.close();
  });

  function proxiedSource(extra: Partial<HttpRegistryConfigInput> = {}) {
    return createHttpRegistrySource({ host: registry.host, url: proxy.url, ...extra });
  }

  test('lists every tag of a repository', async () => {
    const listing = await sourceFor().listTags('wipp/paged');

    expect([...listing.tags].sort()).toEqual(tags);
    expect(listing.truncated).toBe(false);
  });

  test('follows Link headers across pages of size n', async () => {
    const before = proxy.requests.length;
    const listing = await proxiedSource({ tagPageSize: 2 }).listTags('wipp/paged');
    const pages = proxy.requests.slice(before);

    expect(listing).toEqual({ tags, truncated: false });
    expect(pages.map((request) => request.path)).toEqual([
      '/v2/wipp/paged/tags/list?n=2',
      '/v2/wipp/paged/tags/list?last=t2&n=2',
      '/v2/wipp/paged/tags/list?last=t4&n=2',
    ]);
  });

  test('stops at maxTagPages and marks the listing truncated', async () => {
    const listing = await proxiedSource({ tagPageSize: 2, maxTagPages: 2 }).listTags('wipp/paged');

    expect(listing).toEqual({ tags: ['t1', 't2', 't3', 't4'], truncated: true });
  });
});

describe('referrers', () => {
  const bundleType = 'application/vnd.dev.sigstore.bundle.v0.3+json';

  /** Pushes an artifact manifest whose subject is `subject` and returns its descriptor. */
  async function pushArtifact(repository: string, subject: PushedImage, payload: string) {
    const empty = blobOf(new TextEncoder().encode('{}'), mediaTypes.ociEmpty);
    const layer = blobOf(new TextEncoder().encode(payload), bundleType);
    await pushBlob(registry.url, repository, empty.bytes);
    await pushBlob(registry.url, repository, layer.bytes);
    const manifest = jsonBlob(
      {
        schemaVersion: 2,
        mediaType: mediaTypes.ociManifest,
        artifactType: bundleType,
        config: empty.descriptor,
        layers: [layer.descriptor],
        subject: subject.manifest.descriptor,
      },
      mediaTypes.ociManifest,
    );
    await pushManifest(
      registry.url,
      repository,
      manifest.descriptor.digest,
      mediaTypes.ociManifest,
      manifest.bytes,
    );
    return { ...manifest.descriptor, artifactType: bundleType };
  }

  test('falls back to the referrers tag when the API answers 404', async () => {
    const image = await pushImage(registry.url, 'wipp/signed', '1.0', { content: 'signed' });
    const first = await pushArtifact('wipp/signed', image, 'bundle one');
    const second = await pushArtifact('wipp/signed', image, 'bundle two');
    const index = jsonBlob(
      { schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [first, second] },
      mediaTypes.ociIndex,
    );
    await pushManifest(
      registry.url,
      'wipp/signed',
      referrersTagFor(image.digest),
      mediaTypes.ociIndex,
      index.bytes,
    );

    const counting = createCountingFetch();
    const listing = await sourceFor({}, counting.fetch).listReferrers('wipp/signed', image.digest);

    expect(listing).toEqual({ referrers: [first, second], truncated: false });
    expect(counting.requests.map((request) => request.url.pathname)).toEqual([
      `/v2/wipp/signed/referrers/${image.digest}`,
      `/v2/wipp/signed/manifests/${referrersTagFor(image.digest)}`,
    ]);
  });

  test('bounds the number of referrers', async () => {
    const image = await pushImage(registry.url, 'wipp/signed', '2.0', { content: 'bounded' });
    const artifacts = [
      await pushArtifact('wipp/signed', image, 'a'),
      await pushArtifact('wipp/signed', image, 'b'),
      await pushArtifact('wipp/signed', image, 'c'),
    ];
    const index = jsonBlob(
      { schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: artifacts },
      mediaTypes.ociIndex,
    );
    await pushManifest(
      registry.url,
      'wipp/signed',
      referrersTagFor(image.digest),
      mediaTypes.ociIndex,
      index.bytes,
    );

    const listing = await sourceFor({ maxReferrers: 2 }).listReferrers('wipp/signed', image.digest);

    expect(listing.referrers).toEqual(artifacts.slice(0, 2));
    expect(listing.truncated).toBe(true);
  });

  test('returns no referrers when neither the API nor the tag exists', async () => {
    const listing = await sourceFor().listReferrers('wipp/oci', ociImage.digest);

    expect(listing).toEqual({ referrers: [], truncated: false });
  });
});
