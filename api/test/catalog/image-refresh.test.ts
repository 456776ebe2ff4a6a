import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/contract/errors.ts';
import type { ImageDetails } from '../../src/contract/image.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import {
  pushImage,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type TestRegistry,
} from '../support/registry/index.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

describe.each(engineCases)('refreshing an image on demand on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let assay: TestAssay;
  let manifestDir: string;
  let admin: TestSession;
  let reviewer: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    registry = await startRegistry();
    proxy = await startFaultProxy(registry.url);
    await pushImage(registry.url, 'plugins/refreshed', '1.0.0', { content: 'first' });
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-refresh-'));
    const manifest = {
      ...baseManifest,
      name: 'refreshed',
      version: '1.0.0',
      containerId: `${proxy.host}/plugins/refreshed:1.0.0`,
    };
    writeFileSync(path.join(manifestDir, 'refreshed__plugin.json'), JSON.stringify(manifest));
    database = await create();
    assay = await startTestAssay({
      database,
      env: {
        ASSAY_MANIFEST_DIR: manifestDir,
        ASSAY_REGISTRIES: JSON.stringify([
          { host: proxy.host, url: proxy.url, timeoutMs: 1500, maxRetries: 0 },
        ]),
      },
    });
    await assay.server.syncNow();
    admin = await createUserAndSignIn(assay, 'admin');
    reviewer = await createUserAndSignIn(assay, 'reviewer');
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
    await proxy.close();
    await registry.stop();
    rmSync(manifestDir, { recursive: true, force: true });
  });

  const refreshPath = '/api/v1/plugins/refreshed/versions/1.0.0/image/refresh';

  it.skipIf(unavailable)('finds a moved tag at once, ignoring the tag cache', async () => {
    const rebuilt = await pushImage(registry.url, 'plugins/refreshed', '1.0.0', { content: 'second' });

    const response = await admin.fetch(refreshPath, { method: 'POST' });

    expect(response.status).toBe(200);
    const image = (await response.json()) as ImageDetails;
    expect(image.currentDigest).toBe(rebuilt.digest);
    expect(image.tagMoved).toBe(true);
  });

  it.skipIf(unavailable)('answers 502 naming the registry when it fails', async () => {
    proxy.rules.push({ path: /\/manifests\//, respond: { status: 503, body: 'maintenance' }, times: 1 });

    const response = await admin.fetch(refreshPath, { method: 'POST' });

    expect(response.status).toBe(502);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('upstream-unavailable');
    expect(body.error.message).toContain(proxy.host);
  });

  it.skipIf(unavailable)('answers 504 naming the registry when it is too slow', async () => {
    // The delay outlasts the registry's 1.5 s timeout, so a 504 (not a late 200) shows the timeout fired.
    proxy.rules.push({ path: /\/manifests\//, delayMs: 4000, times: 1 });

    const response = await admin.fetch(refreshPath, { method: 'POST' });

    expect(response.status).toBe(504);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('upstream-timeout');
    expect(body.error.message).toContain(proxy.host);
  });

  it.skipIf(unavailable)('records each refresh in the audit log', async () => {
    const events = await assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'image.refresh')
      .execute();

    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0]!.target_id).toBe('refreshed@1.0.0');
    expect(events[0]!.actor_name).toBe(admin.user.username);
  });

  it.skipIf(unavailable)('rejects reviewers and visitors', async () => {
    const asReviewer = await reviewer.fetch(refreshPath, { method: 'POST' });
    const asVisitor = await fetch(`${assay.url}${refreshPath}`, { method: 'POST' });

    expect(asReviewer.status).toBe(403);
    expect([401, 403]).toContain(asVisitor.status);
  });
});
