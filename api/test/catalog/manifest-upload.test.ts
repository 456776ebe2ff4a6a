import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const nyxusBytes = readFileSync(
  path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
);
const nextVersionBytes = Buffer.from(
  JSON.stringify({ ...(JSON.parse(nyxusBytes.toString('utf8')) as object), version: '0.2.0' }),
);
const ictBytes = readFileSync(
  path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__ict.yaml'),
);

/** A loopback HTTP server standing in for a manifest host; records the paths it was asked for. */
async function startManifestHost(
  routes: Record<string, (response: import('node:http').ServerResponse) => void>,
) {
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const route = routes[request.url ?? ''];
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, requested, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(engineCases)('manifest import by an admin on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let reviewer: TestSession;
  let allowed: Awaited<ReturnType<typeof startManifestHost>>;
  let elsewhere: Awaited<ReturnType<typeof startManifestHost>>;

  beforeAll(async () => {
    if (unavailable) return;
    elsewhere = await startManifestHost({ '/secret.json': (response) => response.end('{}') });
    allowed = await startManifestHost({
      '/nyxus/plugin.json': (response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(nextVersionBytes),
      '/moved': (response) => response.writeHead(302, { location: '/nyxus/plugin.json' }).end(),
      '/escape': (response) =>
        response.writeHead(302, { location: `http://${elsewhere.host}/secret.json` }).end(),
      '/huge.json': (response) => response.writeHead(200).end(Buffer.alloc(1024 * 1024 + 10, 32)),
    });
    database = await create();
    assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_URL_HOSTS: allowed.host } });
    admin = await createUserAndSignIn(assay, 'admin');
    reviewer = await createUserAndSignIn(assay, 'reviewer');
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
    await allowed.close();
    await elsewhere.close();
  });

  function upload(session: TestSession, fileName: string, bytes: Uint8Array) {
    return session.fetch(`/api/v1/manifests?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
  }

  async function pluginCount() {
    const row = await assay.server.database.db
      .selectFrom('plugins')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  it.skipIf(unavailable)('imports an uploaded manifest with its warnings', async () => {
    const response = await upload(admin, 'plugin.json', nyxusBytes);

    expect(response.status).toBe(201);
    const body = (await response.json()) as { status: string; plugin: string; warnings: unknown[] };
    expect(body).toMatchObject({ status: 'created', plugin: 'nyxus-tool', version: '0.1.9-dev0' });
    expect(body.warnings.length).toBeGreaterThan(0);
    const detail = await assay.getJson<{ sources: Array<{ source: string }> }>(
      '/api/v1/plugins/nyxus-tool/versions/0.1.9-dev0',
    );
    expect(detail.body.sources.map((source) => source.source)).toEqual(['upload/nyxus-tool/plugin.json']);
  });

  it.skipIf(unavailable)('keeps two plugins apart when both are uploaded as plugin.json', async () => {
    const manifest = JSON.parse(nyxusBytes.toString('utf8')) as Record<string, unknown>;
    const alpha = {
      ...manifest,
      name: 'Alpha Tool',
      title: 'Alpha Tool',
      version: '3.1.4',
      containerId: 'polusai/alpha-tool:3.1.4',
    };
    const beta = {
      ...manifest,
      name: 'Beta Tool',
      title: 'Beta Tool',
      version: '3.1.4',
      containerId: 'polusai/beta-tool:3.1.4',
    };

    const first = await upload(admin, 'plugin.json', Buffer.from(JSON.stringify(alpha)));
    const second = await upload(admin, 'plugin.json', Buffer.from(JSON.stringify(beta)));

    expect(await first.json()).toMatchObject({ status: 'created', plugin: 'alpha-tool' });
    expect(await second.json()).toMatchObject({ status: 'created', plugin: 'beta-tool' });
    const alphaPlugin = await assay.getJson<{ title: string }>('/api/v1/plugins/alpha-tool');
    expect(alphaPlugin.body.title).toBe('Alpha Tool');
  });

  it.each([
    ['a 300-character name', { name: 'n'.repeat(300) }, '$.name'],
    ['the version ".."', { version: '..' }, '$.version'],
    ['a version with a slash', { version: '1.0/2' }, '$.version'],
    ['a NUL character in the description', { description: 'a\u0000b' }, '$.description'],
  ])('rejects a manifest with %s', async (_case, change, path) => {
    if (unavailable) return;
    const manifest = { ...(JSON.parse(nyxusBytes.toString('utf8')) as Record<string, unknown>), ...change };

    const response = await upload(admin, 'plugin.json', Buffer.from(JSON.stringify(manifest)));

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { errors: Array<{ path: string }> } } };
    expect(body.error.details.errors.map((error) => error.path)).toContain(path);
  });

  it.skipIf(unavailable)('adds an ICT companion to the same version', async () => {
    const response = await upload(admin, 'ict.yaml', ictBytes);

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: 'added',
      plugin: 'nyxus-tool',
      shown: { source: 'upload/nyxus-tool/plugin.json', format: 'wipp-polus' },
    });
  });

  it.skipIf(unavailable)('reports an identical upload as unchanged without auditing it', async () => {
    const before = await assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'manifest.import')
      .execute();

    const response = await upload(admin, 'plugin.json', nyxusBytes);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'unchanged' });
    const after = await assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'manifest.import')
      .execute();
    expect(after).toHaveLength(before.length);
    expect(before[0]).toMatchObject({ actor_name: admin.user.username, target_id: 'nyxus-tool@0.1.9-dev0' });
  });

  it.skipIf(unavailable)('rejects broken JSON with its line and column and writes nothing', async () => {
    const count = await pluginCount();

    const response = await upload(
      admin,
      'plugin.json',
      Buffer.from('{\n  "name": "Broken",\n  "version": \n}'),
    );

    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody & {
      error: { details: { errors: Array<Record<string, unknown>> } };
    };
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.details.errors[0]).toMatchObject({
      file: 'upload/plugin.json',
      line: expect.any(Number),
    });
    expect(await pluginCount()).toBe(count);
  });

  it.skipIf(unavailable)('rejects a manifest without a name or title, naming the path', async () => {
    const response = await upload(
      admin,
      'plugin.json',
      Buffer.from(JSON.stringify({ containerId: 'a/b:1' })),
    );

    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.message).toContain('$');
  });

  it.skipIf(unavailable)('rejects an upload over 1 MiB', async () => {
    const response = await upload(admin, 'plugin.json', Buffer.alloc(1024 * 1024 + 1, 32));

    expect(response.status).toBe(413);
  });

  it.skipIf(unavailable)('requires a file name', async () => {
    const response = await admin.fetch('/api/v1/manifests', { method: 'POST', body: nyxusBytes });

    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('fileName is required');
  });

  it.each(['../../evil.json', 'folder/plugin.json', 'a\\b.json', '..', 'tab\there.json'])(
    'rejects the file name %j',
    async (fileName) => {
      if (unavailable) return;

      const response = await upload(admin, fileName, nyxusBytes);

      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('without folders or control characters');
    },
  );

  it.skipIf(unavailable)('lets only admins import', async () => {
    const response = await upload(reviewer, 'plugin.json', nyxusBytes);

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable)('imports from an allowed host, following a redirect on that host', async () => {
    const response = await admin.fetch('/api/v1/manifests/from-url', {
      method: 'POST',
      body: JSON.stringify({ url: `http://${allowed.host}/moved` }),
    });

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      status: 'created',
      plugin: 'nyxus-tool',
      version: '0.2.0',
    });
    expect(allowed.requested).toContain('/nyxus/plugin.json');
    const detail = await assay.getJson<{ sources: Array<{ source: string }> }>(
      '/api/v1/plugins/nyxus-tool/versions/0.2.0',
    );
    expect(detail.body.sources.map((source) => source.source)).toEqual([`http://${allowed.host}/moved`]);
  });

  it.each([
    ['a host that is not allowed', () => `http://${elsewhere.host}/secret.json`, 400],
    ['a redirect to a host that is not allowed', () => `http://${allowed.host}/escape`, 400],
    ['a file over 1 MiB', () => `http://${allowed.host}/huge.json`, 413],
    ['a missing file', () => `http://${allowed.host}/none.json`, 404],
    ['a file: URL', () => 'file:///etc/passwd', 400],
  ])('refuses %s', async (_case, url, status) => {
    if (unavailable) return;
    const response = await admin.fetch('/api/v1/manifests/from-url', {
      method: 'POST',
      body: JSON.stringify({ url: url() }),
    });

    expect(response.status).toBe(status);
    expect(elsewhere.requested).toEqual([]);
  });
});
