import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionScan } from '../../src/contract/scan.ts';
import type { VersionSignatures } from '../../src/contract/signer.ts';
import {
  buildSignatureManifest,
  generateSigningKey,
  pushSignatureManifest,
  signLayer,
} from '../support/cosign/index.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage, startRegistry, type TestRegistry } from '../support/registry/index.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { pushAttestations, vulnAttestationLayer } from '../scans/attestation-harness.ts';

const nyxus = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;
const releaseKey = generateSigningKey('ecdsa-p256');

/** Polls `read` every 100 ms until `done` holds, for at most 15 s; returns the last value. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

// The servers run without background timers, so only the import or the refresh can look anything up.
describe.each(engineCases)('signature lookup right after an import on $engine', ({ unavailable, create }) => {
  let registry: TestRegistry;
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    registry = await startRegistry();
    database = await create();
    assay = await startTestAssay({
      database,
      env: { ASSAY_REGISTRIES: JSON.stringify([{ host: registry.host, url: registry.url }]) },
    });
    admin = await createUserAndSignIn(assay, 'admin');
    const created = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'key',
        displayName: 'Release key',
        publicKeyPem: releaseKey.publicKeyPem,
        approve: true,
      }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    if (unavailable) return;
    await assay.stop();
    await database.drop();
    await registry.stop();
  });

  async function importPlugin(name: string, repository: string) {
    const manifest = {
      ...nyxus,
      name,
      title: name,
      version: '1.0.0',
      containerId: `${registry.host}/${repository}:1.0.0`,
    };
    const response = await admin.fetch('/api/v1/manifests?fileName=plugin.json', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: JSON.stringify(manifest),
    });
    expect(response.status).toBe(201);
  }

  function signatures(plugin: string) {
    return assay
      .getJson<VersionSignatures>(`/api/v1/plugins/${plugin}/versions/1.0.0/signatures`)
      .then((response) => response.body);
  }

  function sign(repository: string, digest: string) {
    const layer = signLayer({ key: releaseKey, digest });
    return pushSignatureManifest(registry.url, repository, digest, buildSignatureManifest([layer]));
  }

  it.skipIf(unavailable)('shows the signatures and scan of an imported version', async () => {
    const image = await pushImage(registry.url, 'plugins/imported', '1.0.0', { content: 'imported' });
    await sign('plugins/imported', image.digest);
    const scannedAt = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    await pushAttestations(registry.url, 'plugins/imported', image.digest, [
      vulnAttestationLayer({ digest: image.digest, key: releaseKey, scanFinishedOn: scannedAt }),
    ]);

    await importPlugin('imported', 'plugins/imported');

    const found = await waitFor(
      () => signatures('imported'),
      (body) => body.check.status === 'checked',
    );
    expect(found.check.status).toBe('checked');
    expect(found.subjects[0]?.signatures.map((signature) => signature.state)).toEqual(['approved']);
    const scan = await waitFor(
      () =>
        assay
          .getJson<VersionScan>('/api/v1/plugins/imported/versions/1.0.0/scan')
          .then((response) => response.body),
      (body) => body.current !== undefined,
    );
    expect(scan.current?.source).toBe('attestation');
  });

  it.skipIf(unavailable)('reads a signature pushed later when an admin refreshes the image', async () => {
    const image = await pushImage(registry.url, 'plugins/signed-later', '1.0.0', { content: 'later' });
    await importPlugin('signed-later', 'plugins/signed-later');
    const unsigned = await waitFor(
      () => signatures('signed-later'),
      (body) => body.check.status === 'checked',
    );
    expect(unsigned.subjects[0]?.signatures).toEqual([]);
    await sign('plugins/signed-later', image.digest);

    const refreshed = await admin.fetch('/api/v1/plugins/signed-later/versions/1.0.0/image/refresh', {
      method: 'POST',
    });

    expect(refreshed.status).toBe(200);
    const after = await signatures('signed-later');
    expect(after.subjects[0]?.signatures.map((signature) => signature.state)).toEqual(['approved']);
  });
});
