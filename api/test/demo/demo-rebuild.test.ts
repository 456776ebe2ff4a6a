import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxFreshAgeDays } from '../../src/demo/attestations.ts';
import { demoLayoutRoot } from '../../src/demo/build.ts';
import { openDemoRegistry } from '../../src/demo/demo-registry.ts';
import { fixtureManifestDir } from '../support/assay.ts';

const dayMs = 24 * 60 * 60 * 1000;
const builtAt = new Date('2025-06-10T12:00:00Z');
// The default policy's maximum scan age.
const staleAfterDays = 7;

interface LayoutEntry {
  digest: string;
  artifactType?: string;
  annotations?: Record<string, string>;
}

function readBlob(dir: string, digest: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), 'utf8'));
}

/** Reads the `scanFinishedOn` time of every vulnerability attestation in a demo layout, from `.att` tags and bundles. */
function scanTimes(dir: string): Date[] {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
    manifests: LayoutEntry[];
  };
  const payloads: string[] = [];
  for (const entry of index.manifests) {
    const tag = entry.annotations?.['org.opencontainers.image.ref.name'] ?? '';
    const isBundle = entry.artifactType?.startsWith('application/vnd.dev.sigstore.bundle') === true;
    if (!tag.endsWith('.att') && !isBundle) continue;
    const manifest = readBlob(dir, entry.digest) as { layers: Array<{ digest: string }> };
    for (const layer of manifest.layers) {
      const blob = readBlob(dir, layer.digest) as { payload?: string; dsseEnvelope?: { payload: string } };
      payloads.push(blob.dsseEnvelope?.payload ?? blob.payload ?? '');
    }
  }
  return payloads.map((payload) => {
    const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {
      predicate: { metadata: { scanFinishedOn: string } };
    };
    return new Date(statement.predicate.metadata.scanFinishedOn);
  });
}

/** Ages in days at `now` of the scans that are meant to be fresh (younger than the stale age). */
function freshAges(dir: string, now: Date): number[] {
  return scanTimes(dir)
    .map((time) => (now.getTime() - time.getTime()) / dayMs)
    .filter((age) => age < staleAfterDays);
}

describe('demo registry rebuilds', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-demo-rebuild-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dates fresh scans at most two days before the build', async () => {
    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);

    const ages = scanTimes(registry.dir).map((time) => (builtAt.getTime() - time.getTime()) / dayMs);

    expect(ages.length).toBeGreaterThan(80);
    // Every scan is either fresh by at most two days or stale on purpose (20 days and older).
    expect(ages.filter((age) => age > maxFreshAgeDays && age < 20)).toEqual([]);
    expect(ages.filter((age) => age <= maxFreshAgeDays).length).toBeGreaterThan(40);
  });

  it('keeps the same build within a day', async () => {
    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);
    const first = registry.dir;

    const rebuilt = await registry.refresh(new Date(builtAt.getTime() + 60 * 60 * 1000));

    expect(rebuilt).toBe(false);
    expect(registry.dir).toBe(first);
  });

  it('keeps fresh scans fresh for a demo that runs for a week', async () => {
    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);
    // Without a rebuild, every fresh scan of the first build is stale a week later.
    const weekLater = new Date(builtAt.getTime() + staleAfterDays * dayMs);
    expect(freshAges(registry.dir, weekLater)).toEqual([]);

    for (let day = 1; day <= 7; day += 1) {
      const now = new Date(builtAt.getTime() + day * dayMs);

      const rebuilt = await registry.refresh(now);

      expect(rebuilt, `rebuilt on day ${day}`).toBe(true);
      const ages = freshAges(registry.dir, now);
      expect(ages.length).toBeGreaterThan(40);
      expect(Math.max(...ages), `oldest fresh scan on day ${day}`).toBeLessThanOrEqual(maxFreshAgeDays);
    }
    expect(freshAges(registry.dir, weekLater).length).toBeGreaterThan(40);
  });

  it('serves the new build through the same source', async () => {
    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);
    const index = JSON.parse(readFileSync(path.join(registry.dir, 'index.json'), 'utf8')) as {
      manifests: LayoutEntry[];
    };
    const attestation = index.manifests.find((entry) =>
      entry.annotations?.['org.opencontainers.image.ref.name']?.endsWith('.att'),
    )!;
    const repository = attestation.annotations!['io.assay.repository']!;
    const tag = attestation.annotations!['org.opencontainers.image.ref.name']!;
    const before = await registry.source.headManifest(repository, tag);

    await registry.refresh(new Date(builtAt.getTime() + 3 * dayMs));

    const after = await registry.source.headManifest(repository, tag);
    expect(before.digest).toBe(attestation.digest);
    expect(after.digest).not.toBe(before.digest);
  });

  it('keeps the previous build for reads in flight and removes older ones', async () => {
    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);
    const first = registry.dir;
    await registry.refresh(new Date(builtAt.getTime() + dayMs));
    const second = registry.dir;

    await registry.refresh(new Date(builtAt.getTime() + 2 * dayMs));

    const builds = readdirSync(demoLayoutRoot(dataDir)).map((entry) =>
      path.join(demoLayoutRoot(dataDir), entry),
    );
    expect(builds.sort()).toEqual([second, registry.dir].sort());
    expect(builds).not.toContain(first);
  });

  it('replaces a layout that an earlier version wrote into the root', async () => {
    const root = demoLayoutRoot(dataDir);
    mkdirSync(path.join(root, 'blobs'), { recursive: true });
    writeFileSync(path.join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    writeFileSync(path.join(root, 'index.json'), '{}');

    const registry = await openDemoRegistry(fixtureManifestDir, dataDir, builtAt);

    expect(readdirSync(root)).toEqual([path.basename(registry.dir)]);
  });
});
