import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage, VersionDetail } from '../../src/contract/catalog.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { mediaTypes } from '../../src/registry/types.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import {
  createCountingFetch,
  pushImage,
  pushIndex,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type TestRegistry,
} from '../support/registry/index.ts';

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

/** Writes a WIPP manifest named `name` whose containerId is `containerId`. */
function writeManifest(dir: string, name: string, version: string, containerId: string) {
  const manifest = { ...baseManifest, name, title: name, version, containerId };
  writeFileSync(path.join(dir, `${name}__plugin.json`), JSON.stringify(manifest, null, 2));
}

function isManifestOrBlobGet(request: { method: string; url: URL }) {
  return request.method === 'GET' && /\/(manifests|blobs)\//.test(request.url.pathname);
}

describe.each(engineCases)(
  'image resolution against a real registry on $engine',
  ({ unavailable, create }) => {
    let database: TestDatabase;
    let registry: TestRegistry;
    let proxy: FaultProxy;
    let assay: TestAssay;
    let manifestDir: string;
    const counting = createCountingFetch();
    const pushed: Record<string, string> = {};

    beforeAll(async () => {
      if (unavailable) return;
      registry = await startRegistry();
      // The proxy pages tag lists two at a time, as Distribution 3 does; the Debian registry returns all at once.
      proxy = await startFaultProxy(registry.url, { tagPageSize: 2 });
      manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-resolve-'));

      pushed.single = (
        await pushImage(registry.url, 'plugins/single', '1.0.0', { labels: { stage: 'one' } })
      ).digest;
      pushed.multi = (await pushIndex(registry.url, 'plugins/multi', '2.0.0', {})).digest;
      pushed.moving = (
        await pushImage(registry.url, 'plugins/moving', '3.0.0', { content: 'first build' })
      ).digest;
      for (const tag of ['0.1.0', '0.2.0', '0.3.0', '0.4.0', 'latest']) {
        await pushImage(registry.url, 'plugins/single', tag, { content: `tag ${tag}` });
      }

      writeManifest(manifestDir, 'single', '1.0.0', `${proxy.host}/plugins/single:1.0.0`);
      writeManifest(manifestDir, 'multi', '2.0.0', `${proxy.host}/plugins/multi:2.0.0`);
      writeManifest(manifestDir, 'moving', '3.0.0', `${proxy.host}/plugins/moving:3.0.0`);
      writeManifest(manifestDir, 'missing', '4.0.0', `${proxy.host}/plugins/missing:4.0.0`);
      writeManifest(
        manifestDir,
        'elsewhere',
        '5.0.0',
        'registry.invalid.example:5000/plugins/elsewhere:5.0.0',
      );

      database = await create();
      const source = createHttpRegistrySource(
        { host: proxy.host, url: proxy.url, timeoutMs: 5000 },
        { fetch: counting.fetch },
      );
      assay = await startTestAssay({
        database,
        env: { ASSAY_MANIFEST_DIR: manifestDir, ASSAY_TAG_TTL_SECONDS: '1' },
        registrySources: [source],
      });
      await assay.server.syncNow();
    });

    afterAll(async () => {
      if (unavailable) return;
      await assay.stop();
      await database.drop();
      await proxy.close();
      await registry.stop();
      rmSync(manifestDir, { recursive: true, force: true });
    });

    async function version(name: string, versionName: string) {
      return (await assay.getJson<VersionDetail>(`/api/v1/plugins/${name}/versions/${versionName}`)).body;
    }

    it.skipIf(unavailable)('resolves a tag to its digest with size, created time and labels', async () => {
      const { image } = await version('single', '1.0.0');

      expect(image.status).toBe('resolved');
      expect(image.currentDigest).toBe(pushed.single);
      expect(image.registeredDigest).toBe(pushed.single);
      expect(image.mediaType).toBe(mediaTypes.ociManifest);
      expect(image.platforms).toEqual([expect.objectContaining({ os: 'linux', architecture: 'amd64' })]);
      expect(image.size).toBeGreaterThan(0);
      expect(image.created).toBe('2024-01-02T03:04:05Z');
      expect(image.labels).toMatchObject({ stage: 'one' });
      expect(image.pullReference).toBe(`${proxy.host}/plugins/single@${pushed.single}`);
    });

    it.skipIf(unavailable)('lists other tags across several pages of the tag list', async () => {
      const { image } = await version('single', '1.0.0');

      expect(image.otherTags.sort()).toEqual(['0.1.0', '0.2.0', '0.3.0', '0.4.0', 'latest']);
      expect(proxy.requests.filter((request) => request.path.includes('/tags/list')).length).toBeGreaterThan(
        1,
      );
    });

    it.skipIf(unavailable)('gives an index its own digest and only real platforms', async () => {
      const { image } = await version('multi', '2.0.0');

      expect(image.currentDigest).toBe(pushed.multi);
      expect(image.mediaType).toBe(mediaTypes.ociIndex);
      expect(image.platforms.map((platform) => `${platform.os}/${platform.architecture}`)).toEqual([
        'linux/amd64',
        'linux/arm64',
      ]);
    });

    it.skipIf(unavailable)('marks a missing repository as not found', async () => {
      const { image } = await version('missing', '4.0.0');

      expect(image.status).toBe('not-found');
      expect(image.error).toContain(proxy.host);
    });

    it.skipIf(unavailable)('never contacts a registry that is not configured', async () => {
      const { image } = await version('elsewhere', '5.0.0');

      expect(image.status).toBe('registry-not-configured');
      expect(counting.requests.some((request) => request.url.host.includes('invalid.example'))).toBe(false);
    });

    it.skipIf(unavailable)('makes no manifest or blob download when nothing changed', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      counting.requests.length = 0;

      await assay.server.syncNow();

      expect(counting.requests.filter(isManifestOrBlobGet)).toEqual([]);
      expect(counting.requests.some((request) => request.method === 'HEAD')).toBe(true);
    });

    it.skipIf(unavailable)('makes no request at all while the tag cache is fresh', async () => {
      await assay.server.syncNow();
      counting.requests.length = 0;

      await assay.server.syncNow();

      // Only the repository that does not exist is asked again: failures are retried on every refresh.
      const requests = counting.requests.filter(
        (request) => !request.url.pathname.includes('/plugins/missing/'),
      );
      expect(requests).toEqual([]);
    });

    it.skipIf(unavailable)('reports a moved tag and keeps the registered digest', async () => {
      const rebuilt = await pushImage(registry.url, 'plugins/moving', '3.0.0', { content: 'second build' });

      await assay.server.syncNow({ force: true });

      const { image } = await version('moving', '3.0.0');
      expect(image.tagMoved).toBe(true);
      expect(image.registeredDigest).toBe(pushed.moving);
      expect(image.currentDigest).toBe(rebuilt.digest);
      const catalog = await assay.getJson<CatalogPage>('/api/v1/plugins?registryState=tag-moved');
      expect(catalog.body.items.map((item) => item.name)).toEqual(['moving']);
    });
  },
);

describe.each(engineCases)(
  'image resolution with a failing registry on $engine',
  ({ unavailable, create }) => {
    let database: TestDatabase;
    let assay: TestAssay;
    let manifestDir: string;

    beforeAll(async () => {
      if (unavailable) return;
      manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-down-'));
      writeManifest(manifestDir, 'unreachable', '1.0.0', '127.0.0.1:9/plugins/unreachable:1.0.0');
      database = await create();
      assay = await startTestAssay({
        database,
        env: {
          ASSAY_MANIFEST_DIR: manifestDir,
          ASSAY_REGISTRIES: JSON.stringify([
            { host: '127.0.0.1:9', url: 'http://127.0.0.1:9', timeoutMs: 2000 },
          ]),
        },
      });
    });

    afterAll(async () => {
      if (unavailable) return;
      await assay.stop();
      await database.drop();
      rmSync(manifestDir, { recursive: true, force: true });
    });

    it.skipIf(unavailable)('records the failure with the registry named and keeps serving', async () => {
      await assay.server.syncNow();

      const { status, body } = await assay.getJson<VersionDetail>(
        '/api/v1/plugins/unreachable/versions/1.0.0',
      );
      expect(status).toBe(200);
      expect(body.image.status).toBe('error');
      expect(body.image.error).toContain('127.0.0.1:9');
    });
  },
);
