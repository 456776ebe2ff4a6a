import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOverview, StaleScanPage } from '../../src/contract/admin-overview.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage, startRegistry, type TestRegistry } from '../support/registry/index.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

// Two more than the overview lists, so the overview cuts the list and the full list has to page.
const pluginCount = 12;

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

describe.each(engineCases)('scans to renew on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let registry: TestRegistry;
  let manifestDir: string;
  let assay: TestAssay;
  let admin: TestSession;

  async function getJson<T>(session: TestSession, pathname: string): Promise<{ status: number; body: T }> {
    const response = await session.fetch(pathname);
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    registry = await startRegistry();
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-stale-scans-'));
    // Unsigned images without a scan: each plugin's newest version has scan status `missing`.
    for (let index = 0; index < pluginCount; index += 1) {
      const name = `renew-${String(index).padStart(2, '0')}`;
      await pushImage(registry.url, `lab/${name}`, '1.0.0', { content: name });
      const manifest = {
        ...baseManifest,
        name,
        title: name,
        version: '1.0.0',
        containerId: `${registry.host}/lab/${name}:1.0.0`,
      };
      writeFileSync(path.join(manifestDir, `${name}.json`), JSON.stringify(manifest));
    }
    assay = await startTestAssay({
      database,
      env: {
        ASSAY_MANIFEST_DIR: manifestDir,
        ASSAY_REGISTRIES: JSON.stringify([{ host: registry.host, url: registry.url, timeoutMs: 5000 }]),
        ASSAY_SIGSTORE_PUBLIC_GOOD: 'false',
      },
    });
    await assay.server.syncNow();
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    await assay?.stop();
    await registry?.stop();
    await database?.drop();
    if (manifestDir) rmSync(manifestDir, { recursive: true, force: true });
  });

  it.skipIf(unavailable)('lists every plugin in pages that match the overview order', async () => {
    const overview = await getJson<AdminOverview>(admin, '/api/v1/admin/overview');
    const pages: StaleScanPage[] = [];
    for (const page of [1, 2, 3]) {
      pages.push(
        (await getJson<StaleScanPage>(admin, `/api/v1/admin/stale-scans?page=${page}&pageSize=5`)).body,
      );
    }
    const listed = pages.flatMap((page) => page.items.map((item) => item.plugin));

    expect(overview.body.staleScanTotal).toBe(pluginCount);
    expect(overview.body.staleScans).toHaveLength(overview.body.listLimit);
    expect(pages.map((page) => page.total)).toEqual([pluginCount, pluginCount, pluginCount]);
    expect(pages.map((page) => page.items.length)).toEqual([5, 5, 2]);
    expect(new Set(listed).size).toBe(pluginCount);
    expect(listed.slice(0, overview.body.listLimit)).toEqual(
      overview.body.staleScans.map((scan) => scan.plugin),
    );
    expect(pages[0]?.items[0]).toMatchObject({ version: '1.0.0', status: 'missing' });
  });

  it.skipIf(unavailable)('returns an empty page after the last one', async () => {
    const response = await getJson<StaleScanPage>(admin, '/api/v1/admin/stale-scans?page=9');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ items: [], total: pluginCount, page: 9, pageSize: 50 });
  });

  it.skipIf(unavailable).each([
    { query: 'page=0', path: 'page' },
    { query: 'pageSize=101', path: 'pageSize' },
    { query: 'pageSize=two', path: 'pageSize' },
  ])('rejects the query $query', async ({ query, path: field }) => {
    const response = await getJson<{ error: { details: Array<{ path: string }> } }>(
      admin,
      `/api/v1/admin/stale-scans?${query}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toBe(field);
  });

  it.skipIf(unavailable)('rejects reviewers', async () => {
    const reviewer = await createUserAndSignIn(assay, 'reviewer');

    const response = await reviewer.fetch('/api/v1/admin/stale-scans');

    expect(response.status).toBe(403);
  });
});
