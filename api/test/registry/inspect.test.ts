import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryDigestCache } from '../../src/registry/digest-cache.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { inspectImage } from '../../src/registry/inspect.ts';
import { mediaTypes } from '../../src/registry/types.ts';
import {
  createCountingFetch,
  pushImage,
  pushIndex,
  startFaultProxy,
  startRegistry,
  type BuiltImage,
  type PushedImage,
  type PushedIndex,
  type TestRegistry,
} from '../support/registry/index.ts';

let registry: TestRegistry;
let index: PushedIndex;
let single: PushedImage;

const labels = { 'org.opencontainers.image.title': 'threshold', 'ai.polus.plugin': 'threshold-plugin' };
const created = '2023-05-06T07:08:09Z';

function compressedSize(image: BuiltImage): number {
  return (
    image.config.bytes.byteLength + image.layers.reduce((total, layer) => total + layer.bytes.byteLength, 0)
  );
}

function countingSource() {
  const counting = createCountingFetch();
  const source = createHttpRegistrySource(
    { host: registry.host, url: registry.url },
    { fetch: counting.fetch },
  );
  return { source, requests: counting.requests };
}

beforeAll(async () => {
  registry = await startRegistry();
  index = await pushIndex(registry.url, 'wipp/threshold', '2.0', { labels, created });
  single = await pushImage(registry.url, 'wipp/threshold', '1.0', {
    format: 'docker',
    labels: { version: '1.0' },
  });
  await pushImage(registry.url, 'wipp/threshold', `sha256-${'a'.repeat(64)}.sig`, {
    content: 'signature tag',
  });
});

afterAll(async () => {
  await registry?.stop();
});

describe('inspectImage', () => {
  test('describes a multi-platform index without its attestation', async () => {
    const { source } = countingSource();
    const [amd64, arm64] = index.platforms as [BuiltImage, BuiltImage];

    const inspection = await inspectImage(source, 'wipp/threshold', '2.0');

    expect(inspection.digest).toBe(index.digest);
    expect(inspection.mediaType).toBe(mediaTypes.ociIndex);
    expect(inspection.platforms).toEqual([
      {
        os: 'linux',
        architecture: 'amd64',
        digest: amd64.manifest.descriptor.digest,
        size: compressedSize(amd64),
      },
      {
        os: 'linux',
        architecture: 'arm64',
        variant: 'v8',
        digest: arm64.manifest.descriptor.digest,
        size: compressedSize(arm64),
      },
    ]);
    expect(inspection.size).toBe(compressedSize(amd64) + compressedSize(arm64));
    expect(inspection.created).toBe(created);
    expect(inspection.labels).toEqual(labels);
    expect(inspection.pullReference).toBe(`${registry.host}/wipp/threshold@${index.digest}`);
  });

  test('lists other tags without signature tags', async () => {
    const { source } = countingSource();

    const inspection = await inspectImage(source, 'wipp/threshold', '2.0');

    expect(inspection.otherTags).toEqual(['1.0']);
    expect(inspection.otherTagsTruncated).toBe(false);
  });

  test('describes a single-platform Docker image from its config', async () => {
    const { source } = countingSource();

    const inspection = await inspectImage(source, 'wipp/threshold', '1.0');

    expect(inspection.digest).toBe(single.digest);
    expect(inspection.mediaType).toBe(mediaTypes.dockerManifest);
    expect(inspection.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', digest: single.digest, size: compressedSize(single) },
    ]);
    expect(inspection.size).toBe(compressedSize(single));
    expect(inspection.labels).toEqual({ version: '1.0' });
  });

  test('makes only the needed requests without a cache', async () => {
    const { source, requests } = countingSource();

    await inspectImage(source, 'wipp/threshold', '2.0', { tags: false });

    const paths = requests.map((request) => `${request.method} ${request.url.pathname}`);
    expect(paths).toEqual([
      'GET /v2/wipp/threshold/manifests/2.0',
      `GET /v2/wipp/threshold/manifests/${index.platforms[0]?.manifest.descriptor.digest}`,
      `GET /v2/wipp/threshold/manifests/${index.platforms[1]?.manifest.descriptor.digest}`,
      `GET /v2/wipp/threshold/blobs/${index.platforms[0]?.config.descriptor.digest}`,
    ]);
  });

  test('reads digest-addressed content from the cache', async () => {
    const cache = createMemoryDigestCache();
    const first = countingSource();
    const second = countingSource();

    const fresh = await inspectImage(first.source, 'wipp/threshold', '2.0', { cache, tags: false });
    const cached = await inspectImage(second.source, 'wipp/threshold', '2.0', { cache, tags: false });

    expect(cached).toEqual(fresh);
    expect(first.requests.map((request) => request.method)).toEqual(['HEAD', 'GET', 'GET', 'GET', 'GET']);
    expect(second.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      'HEAD /v2/wipp/threshold/manifests/2.0',
    ]);
  });

  test('makes no request for a cached digest', async () => {
    const cache = createMemoryDigestCache();
    await inspectImage(countingSource().source, 'wipp/threshold', index.digest, { cache, tags: false });
    const { source, requests } = countingSource();

    const inspection = await inspectImage(source, 'wipp/threshold', index.digest, { cache, tags: false });

    expect(inspection.digest).toBe(index.digest);
    expect(requests).toHaveLength(0);
  });

  test('reuses a tag listing it is given', async () => {
    const { source, requests } = countingSource();

    const inspection = await inspectImage(source, 'wipp/threshold', '1.0', {
      tags: { tags: ['0.9', '1.0', '1.1'], truncated: true },
    });

    expect(inspection.otherTags).toEqual(['1.1', '0.9']);
    expect(inspection.otherTagsTruncated).toBe(true);
    expect(requests.some((request) => request.url.pathname.endsWith('/tags/list'))).toBe(false);
  });

  test('reports a failed tag listing beside a successful inspection', async () => {
    const proxy = await startFaultProxy(registry.url, {
      rules: [{ path: /\/tags\/list/, respond: { status: 500 } }],
    });
    try {
      const source = createHttpRegistrySource({ host: registry.host, url: proxy.url });

      const inspection = await inspectImage(source, 'wipp/threshold', '1.0');

      expect(inspection.digest).toBe(single.digest);
      expect(inspection.otherTags).toEqual([]);
      expect(inspection.otherTagsError).toContain('HTTP 500');
    } finally {
      await proxy.close();
    }
  });
});
