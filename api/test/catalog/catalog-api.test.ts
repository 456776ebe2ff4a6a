import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage, PluginDetail, VersionDetail } from '../../src/contract/catalog.ts';
import type { ErrorBody } from '../../src/contract/errors.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';

describe.each(engineCases)('catalog API on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_DIR: fixtureManifestDir } });
    // No registry is configured, so resolution marks every version "registry not configured".
    await assay.server.syncNow();
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
  });

  it.skipIf(unavailable)('lists every plugin with facets', async () => {
    const { status, body } = await assay.getJson<CatalogPage>('/api/v1/plugins?pageSize=100');

    expect(status).toBe(200);
    expect(body.total).toBe(body.items.length);
    expect(body.total).toBeGreaterThan(70);
    expect(body.facets.inputTypes.find((facet) => facet.value === 'collection')?.count).toBeGreaterThan(30);
    expect(body.facets.registryStates).toEqual([{ value: 'registry-not-configured', count: body.total }]);
  });

  it.skipIf(unavailable)('finds plugins by words in the description with prefix matching', async () => {
    const { body } = await assay.getJson<CatalogPage>('/api/v1/plugins?q=flatfiel');

    expect(body.items.map((item) => item.name)).toContain('apply-flatfield');
    for (const item of body.items) {
      expect(`${item.name} ${item.title} ${item.description}`.toLowerCase()).toContain('flatfiel');
    }
  });

  it.skipIf(unavailable)('requires every search word to match', async () => {
    const { body } = await assay.getJson<CatalogPage>('/api/v1/plugins?q=nyxus%20features');

    expect(body.items.map((item) => item.name)).toEqual(['nyxus-tool']);
  });

  it.skipIf(unavailable)('finds plugins by author and institution words', async () => {
    const byAuthor = await assay.getJson<CatalogPage>('/api/v1/plugins?q=Schaub');
    const byInstitution = await assay.getJson<CatalogPage>('/api/v1/plugins?q=Translational');

    expect(byAuthor.body.total).toBeGreaterThan(3);
    expect(byInstitution.body.total).toBeGreaterThan(10);
  });

  it.skipIf(unavailable)('treats query syntax characters as plain text', async () => {
    const { status, body } = await assay.getJson<CatalogPage>(
      `/api/v1/plugins?q=${encodeURIComponent('"nyxus* -( ^')}`,
    );

    expect(status).toBe(200);
    expect(body.items.map((item) => item.name)).toEqual(['nyxus-tool']);
  });

  it.skipIf(unavailable)('combines filters within a facet with OR and across facets with AND', async () => {
    const both = await assay.getJson<CatalogPage>(
      '/api/v1/plugins?inputType=csvCollection&inputType=stitchingVector&pageSize=100',
    );
    const csvOnly = await assay.getJson<CatalogPage>('/api/v1/plugins?inputType=csvCollection&pageSize=100');
    const csvToCollection = await assay.getJson<CatalogPage>(
      '/api/v1/plugins?inputType=csvCollection&outputType=collection&pageSize=100',
    );

    expect(both.body.total).toBeGreaterThan(csvOnly.body.total);
    for (const item of csvOnly.body.items) expect(item.inputTypes).toContain('csvCollection');
    for (const item of csvToCollection.body.items) {
      expect(item.inputTypes).toContain('csvCollection');
      expect(item.outputTypes).toContain('collection');
    }
  });

  it.skipIf(unavailable)('counts a facet as if its own filter were off', async () => {
    const { body } = await assay.getJson<CatalogPage>('/api/v1/plugins?inputType=csvCollection');
    const unfiltered = await assay.getJson<CatalogPage>('/api/v1/plugins');

    expect(body.facets.inputTypes).toEqual(unfiltered.body.facets.inputTypes);
  });

  it.skipIf(unavailable)('pages through results without overlap', async () => {
    const first = await assay.getJson<CatalogPage>('/api/v1/plugins?sort=name&pageSize=10&page=1');
    const second = await assay.getJson<CatalogPage>('/api/v1/plugins?sort=name&pageSize=10&page=2');

    expect(first.body.items).toHaveLength(10);
    const firstNames = new Set(first.body.items.map((item) => item.name));
    expect(second.body.items.some((item) => firstNames.has(item.name))).toBe(false);
    expect(second.body.total).toBe(first.body.total);
  });

  it.skipIf(unavailable)('sorts by number of versions', async () => {
    const { body } = await assay.getJson<CatalogPage>('/api/v1/plugins?sort=versions&pageSize=5');
    const counts = body.items.map((item) => item.versionCount);

    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(1);
  });

  it.each([
    ['pageSize=1000', 'pageSize must be 1-100'],
    ['pageSize=0', 'pageSize must be 1-100'],
    ['page=abc', 'page'],
    ['sort=random', 'sort'],
    ['registryState=unknown-state', 'registryState'],
  ])('rejects the query %s', async (query, expected) => {
    if (unavailable) return;
    const { status, body } = await assay.getJson<ErrorBody>(`/api/v1/plugins?${query}`);

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid-input');
    expect(JSON.stringify(body.error)).toContain(expected);
  });

  it.skipIf(unavailable)('returns a plugin with its versions newest first', async () => {
    const { status, body } = await assay.getJson<PluginDetail>('/api/v1/plugins/ome-converter');

    expect(status).toBe(200);
    expect(body.versions.length).toBeGreaterThan(1);
    expect(body.versions[0]!.isLatest).toBe(true);
    expect(body.versions[0]!.version).toBe(body.latestVersion);
  });

  it.skipIf(unavailable)('returns a version with manifest, warnings and every manifest source', async () => {
    const { body } = await assay.getJson<VersionDetail>('/api/v1/plugins/nyxus-tool/versions/0.1.9-dev0');

    expect(body.manifest.containerId).toBe('polusai/nyxus-tool:0.1.9-dev0');
    expect(body.sources.map((source) => source.format).sort()).toEqual(['ict', 'wipp-polus']);
    expect(body.sources[0]!.format).toBe('wipp-polus');
    expect(body.image.status).toBe('registry-not-configured');
    expect(body.image.error).toMatch(/docker\.io is not configured/);
  });

  it.skipIf(unavailable)('serves the raw manifest bytes with a matching content type', async () => {
    const response = await fetch(`${assay.url}/api/v1/plugins/nyxus-tool/versions/0.1.9-dev0/manifest/raw`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(await response.text())).toMatchObject({ name: 'Nyxus tool' });
  });

  it.skipIf(unavailable)('answers 404 in the error model for unknown plugins and versions', async () => {
    const plugin = await assay.getJson<ErrorBody>('/api/v1/plugins/no-such-plugin');
    const version = await assay.getJson<ErrorBody>('/api/v1/plugins/nyxus-tool/versions/9.9.9');
    const route = await assay.getJson<ErrorBody>('/api/v1/no-such-route');

    expect(plugin.status).toBe(404);
    expect(plugin.body.error).toEqual({ code: 'not-found', message: 'No plugin named "no-such-plugin".' });
    expect(version.status).toBe(404);
    expect(version.body.error.message).toContain('9.9.9');
    expect(route.status).toBe(404);
  });

  it.each([
    ['/api/v1/plugins/%ff', 'percent-encoding'],
    ['/api/v1/plugins/a%00b', 'NUL'],
    ['/api/v1/plugins?q=a%00b', 'NUL'],
  ])('rejects the malformed URL %s with 400', async (path, expected) => {
    if (unavailable) return;
    const response = await fetch(`${assay.url}${path}`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.message).toContain(expected);
  });

  it.skipIf(unavailable)('rejects malformed JSON bodies without a stack trace', async () => {
    const response = await fetch(`${assay.url}/api/v1/plugins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    const text = await response.text();

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it.skipIf(unavailable)('serves an OpenAPI document that lists the catalog routes', async () => {
    const { body } = await assay.getJson<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/v1/openapi.json',
    );

    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/plugins', '/plugins/{name}/versions/{version}']),
    );
  });

  it.skipIf(unavailable)('sends security headers and a request id', async () => {
    const response = await fetch(`${assay.url}/api/v1/health`, {
      headers: { 'x-request-id': 'test-request-1' },
    });

    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toBe('test-request-1');
  });
});
