import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage, VersionDetail } from '../../src/contract/catalog.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import {
  createCountingFetch,
  pushImage,
  startRegistry,
  type TestRegistry,
} from '../support/registry/index.ts';

const postgres = engineCases.find((engineCase) => engineCase.engine === 'postgres')!;
const nyxus = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

describe('two API instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let registry: TestRegistry;
  let manifestDir: string;
  const instances: TestAssay[] = [];
  const fetches = [createCountingFetch(), createCountingFetch()];

  beforeAll(async () => {
    if (postgres.unavailable) return;
    // The repository sits behind Bearer token auth served by a token endpoint in this test.
    registry = await startRegistry({ auth: 'token' });
    await pushImage(registry.url, 'plugins/shared', '1.0.0', {}, registry.credentials);
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-instances-'));
    for (const name of ['first', 'second', 'third']) {
      const manifest = { ...nyxus, name, title: name, containerId: `${registry.host}/plugins/shared:1.0.0` };
      writeFileSync(path.join(manifestDir, `${name}__plugin.json`), JSON.stringify(manifest));
    }

    database = await postgres.create();
    // Both instances start at once, so their migrations and folder imports race as in a real rollout.
    const started = await Promise.all(
      fetches.map((counting, index) =>
        startTestAssay({
          database,
          instance: `instance-${index}`,
          env: { ASSAY_MANIFEST_DIR: manifestDir, ASSAY_REFRESH_INTERVAL_SECONDS: '3600' },
          registrySources: [
            createHttpRegistrySource(
              {
                host: registry.host,
                url: registry.url,
                username: registry.credentials!.username,
                password: registry.credentials!.password,
                authRealmHosts: [registry.tokenServer!.host],
              },
              { fetch: counting.fetch },
            ),
          ],
        }),
      ),
    );
    instances.push(...started);
  });

  afterAll(async () => {
    if (postgres.unavailable) return;
    await Promise.all(instances.map((instance) => instance.stop()));
    await database.drop();
    await registry.stop();
    rmSync(manifestDir, { recursive: true, force: true });
  });

  it.skipIf(postgres.unavailable)('serve the same catalog', async () => {
    const [first, second] = await Promise.all(
      instances.map((instance) => instance.getJson<CatalogPage>('/api/v1/plugins')),
    );

    expect(first!.body.total).toBe(3);
    expect(second!.body).toEqual(first!.body);
  });

  it.skipIf(postgres.unavailable)('run each scheduled refresh once', async () => {
    const ran = await Promise.all(instances.map((instance) => instance.server.runScheduledRefresh()));

    expect(ran.filter(Boolean)).toHaveLength(1);
    const requestCounts = fetches.map((counting) => counting.requests.length);
    expect(requestCounts.filter((count) => count > 0)).toHaveLength(1);
    const again = await Promise.all(instances.map((instance) => instance.server.runScheduledRefresh()));
    expect(again.filter(Boolean)).toHaveLength(0);
  });

  it.skipIf(postgres.unavailable)('see the refresh result on both instances', async () => {
    const details = await Promise.all(
      instances.map((instance) =>
        instance.getJson<VersionDetail>('/api/v1/plugins/first/versions/0.1.9-dev0'),
      ),
    );

    expect(details[0]!.body.image.status).toBe('resolved');
    expect(details[1]!.body.image).toEqual(details[0]!.body.image);
  });

  it.skipIf(postgres.unavailable)('reuse cached tokens on later refreshes', async () => {
    const tokenRequests = () =>
      registry.tokenServer!.requests.filter((request) => request.username !== undefined);
    const scopes = tokenRequests().flatMap((request) => request.scopes);
    expect(scopes).toContain('repository:plugins/shared:pull');

    // Both instances refresh once to hold tokens, then again: the second round must reuse the cached
    // tokens and send no token request at all.
    await Promise.all(instances.map((instance) => instance.server.syncNow({ force: true })));
    const before = tokenRequests().length;
    await Promise.all(instances.map((instance) => instance.server.syncNow({ force: true })));

    expect(tokenRequests().slice(before)).toEqual([]);
  });
});
