import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/contract/signer.ts';
import {
  buildBundle,
  buildBundleReferrer,
  buildReferrersIndex,
  bundleV03MediaType,
  cosignSignPredicateType,
  generateSigningKey,
  pushManifest,
  signDsse,
  signLayer,
  signStatement,
} from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage, pushIndex } from '../support/registry/index.ts';
import {
  keylessLayer,
  startSignerApp,
  startSignerWorld,
  type SignerApp,
  type SignerWorld,
} from './harness.ts';

const releaseKey = generateSigningKey('ecdsa-p256');
const ciKey = generateSigningKey('ed25519');
const revocableKey = generateSigningKey('ecdsa-p256');
const scopedKey = generateSigningKey('ecdsa-p384');
const strangerKey = generateSigningKey('ecdsa-p256');
const loggedStrangerKey = generateSigningKey('ecdsa-p256');
const manyLayersKey = generateSigningKey('ecdsa-p256');

const releaseIdentity = { san: 'release@lab.example.org', issuer: 'https://issuer.lab.example.org' };

// Certificates whose identity shares a part with the approved one: each must stay a separate signer.
const partialIdentities = [
  {
    plugin: 'identity-longer-san',
    san: 'release@lab.example.org.evil.example',
    issuer: releaseIdentity.issuer,
  },
  { plugin: 'identity-san-prefix', san: 'x-release@lab.example.org', issuer: releaseIdentity.issuer },
  {
    plugin: 'identity-other-issuer',
    san: releaseIdentity.san,
    issuer: 'https://issuer.lab.example.org.evil',
  },
  { plugin: 'identity-issuer-prefix', san: releaseIdentity.san, issuer: 'https://issuer.lab.example' },
];

describe.each(engineCases)('signatures of plugin versions on $engine', ({ unavailable, create }) => {
  let world: SignerWorld;
  let database: TestDatabase;
  let app: SignerApp;
  const digests: Record<string, string> = {};
  const signers: Record<string, Signer> = {};
  let platformDigests: { amd64: string; arm64: string };

  /** Pushes a single-platform image for `plugin` and registers it in the manifest folder. */
  async function image(plugin: string, content = plugin): Promise<string> {
    const pushed = await pushImage(world.registry.url, `signers/${plugin}`, '1.0.0', { content });
    world.manifests.add(plugin, '1.0.0', world.containerId(`signers/${plugin}`, '1.0.0'));
    digests[plugin] = pushed.digest;
    return pushed.digest;
  }

  async function sign(plugin: string, layers: Parameters<SignerWorld['pushSignatures']>[2]) {
    await world.pushSignatures(`signers/${plugin}`, digests[plugin] ?? '', layers);
  }

  beforeAll(async () => {
    if (unavailable) return;
    world = await startSignerWorld({ maxLayers: 8 });

    await image('valid-signature');
    await sign('valid-signature', [signLayer({ key: releaseKey, digest: digests['valid-signature']! })]);

    // A valid signature of another image, pushed onto this image's signature tag.
    const original = await image('copy-source');
    await image('copied-signature');
    await sign('copied-signature', [signLayer({ key: releaseKey, digest: original })]);

    await image('moved-tag', 'first build');
    await sign('moved-tag', [signLayer({ key: releaseKey, digest: digests['moved-tag']! })]);

    const signedIndex = await pushIndex(world.registry.url, 'signers/signed-index', '1.0.0', {
      content: 'index',
    });
    world.manifests.add('signed-index', '1.0.0', world.containerId('signers/signed-index', '1.0.0'));
    digests['signed-index'] = signedIndex.digest;
    await sign('signed-index', [signLayer({ key: releaseKey, digest: signedIndex.digest })]);

    const platformsOnly = await pushIndex(world.registry.url, 'signers/signed-platforms', '1.0.0', {
      content: 'platforms',
    });
    world.manifests.add('signed-platforms', '1.0.0', world.containerId('signers/signed-platforms', '1.0.0'));
    digests['signed-platforms'] = platformsOnly.digest;
    platformDigests = {
      amd64: platformsOnly.platforms[0]!.manifest.descriptor.digest,
      arm64: platformsOnly.platforms[1]!.manifest.descriptor.digest,
    };
    for (const digest of Object.values(platformDigests)) {
      await world.pushSignatures('signers/signed-platforms', digest, [
        signLayer({ key: releaseKey, digest }),
      ]);
    }

    await image('two-signers');
    await sign('two-signers', [
      signLayer({ key: releaseKey, digest: digests['two-signers']! }),
      signLayer({ key: ciKey, digest: digests['two-signers']! }),
    ]);

    // A thousand layers share one payload blob, as repeated `cosign sign` runs of one digest would.
    await image('many-layers');
    const manyLayers = Array.from({ length: 1000 }, () =>
      signLayer({ key: manyLayersKey, digest: digests['many-layers']! }),
    );
    await sign('many-layers', manyLayers);

    await image('keyless-exact');
    await sign('keyless-exact', [await keylessLayer(world, digests['keyless-exact']!, releaseIdentity)]);
    for (const identity of partialIdentities) {
      await image(identity.plugin);
      await sign(identity.plugin, [await keylessLayer(world, digests[identity.plugin]!, identity)]);
    }

    await image('keyless-without-log');
    await sign('keyless-without-log', [
      await keylessLayer(world, digests['keyless-without-log']!, releaseIdentity, { logged: false }),
    ]);

    // A Sigstore bundle referrer, found through the `sha256-<hex>` tag fallback of the referrers API.
    const bundled = await pushImage(world.registry.url, 'signers/bundle-referrer', '1.0.0', {
      content: 'bundle',
    });
    world.manifests.add('bundle-referrer', '1.0.0', world.containerId('signers/bundle-referrer', '1.0.0'));
    digests['bundle-referrer'] = bundled.digest;
    const subject = {
      mediaType: bundled.manifest.descriptor.mediaType,
      digest: bundled.digest,
      bytes: bundled.manifest.bytes,
      blobs: [],
    };
    const referrer = buildBundleReferrer(
      subject,
      buildBundle({ envelope: signDsse(releaseKey, signStatement(bundled.digest)) }),
      bundleV03MediaType,
      cosignSignPredicateType,
    );
    await pushManifest(world.registry.url, 'signers/bundle-referrer', referrer);
    await pushManifest(
      world.registry.url,
      'signers/bundle-referrer',
      buildReferrersIndex([referrer]),
      bundled.digest.replace(':', '-'),
    );

    await image('unknown-key');
    await sign('unknown-key', [signLayer({ key: strangerKey, digest: digests['unknown-key']! })]);

    await image('logged-unknown-key');
    await sign('logged-unknown-key', [
      signLayer({
        key: loggedStrangerKey,
        digest: digests['logged-unknown-key']!,
        rekor: { log: world.log, integratedTime: new Date('2024-05-02T00:00:00Z') },
      }),
    ]);

    await image('revocable');
    await sign('revocable', [signLayer({ key: revocableKey, digest: digests.revocable! })]);

    await image('scoped');
    await sign('scoped', [signLayer({ key: scopedKey, digest: digests.scoped! })]);

    await image('unsigned');

    database = await create();
    app = await startSignerApp(world, database);
    signers.release = await app.addSigner({
      kind: 'key',
      displayName: 'Release key',
      publicKeyPem: releaseKey.publicKeyPem,
      approve: true,
    });
    signers.ci = await app.addSigner({
      kind: 'key',
      displayName: 'CI key',
      publicKeyPem: ciKey.publicKeyPem,
    });
    signers.manyLayers = await app.addSigner({
      kind: 'key',
      displayName: 'Repeated signer',
      publicKeyPem: manyLayersKey.publicKeyPem,
      approve: true,
    });
    signers.identity = await app.addSigner({
      kind: 'identity',
      displayName: 'Release identity',
      ...releaseIdentity,
      approve: true,
    });
    signers.revocable = await app.addSigner({
      kind: 'key',
      displayName: 'Revocable key',
      publicKeyPem: revocableKey.publicKeyPem,
      approve: true,
    });
    signers.scoped = await app.addSigner({
      kind: 'key',
      displayName: 'Scoped key',
      publicKeyPem: scopedKey.publicKeyPem,
      approve: true,
      scope: [world.repositoryPath('other-team')],
    });
    await app.assay.server.syncNow();

    // The tag moves to a new, unsigned build after the version was registered.
    await pushImage(world.registry.url, 'signers/moved-tag', '1.0.0', { content: 'rebuilt' });
    await app.assay.server.syncNow({ force: true });
  }, 120_000);

  afterAll(async () => {
    if (unavailable) return;
    await app?.assay.stop();
    await database?.drop();
    await world?.stop();
  });

  it.skipIf(unavailable)('valid signature by an approved key is approved', async () => {
    const result = await app.signatures('valid-signature', '1.0.0');

    expect(result.state).toBe('approved');
    expect(result.check.status).toBe('checked');
    expect(result.subjects).toHaveLength(1);
    expect(result.subjects[0]?.signatures).toEqual([
      expect.objectContaining({
        digest: digests['valid-signature'],
        status: 'valid',
        reason: 'ok',
        kind: 'key',
        state: 'approved',
        keyFingerprint: releaseKey.fingerprint,
        signer: expect.objectContaining({
          id: signers.release!.id,
          displayName: 'Release key',
          status: 'approved',
        }),
        covers: { role: 'image' },
      }),
    ]);
    expect((await app.summary('valid-signature')).signatureState).toBe('approved');
  });

  it.skipIf(unavailable)('signature copied onto another digest is invalid', async () => {
    const result = await app.signatures('copied-signature', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(result.state).toBe('invalid');
    expect(signature?.state).toBe('invalid');
    expect(signature?.reason).toBe('digest-mismatch');
    expect(signature?.claims?.dockerManifestDigest).toBe(digests['copy-source']);
    expect(signature?.reasonText).toContain(digests['copied-signature']);
    expect((await app.summary('copied-signature')).signatureState).toBe('invalid');
  });

  it.skipIf(unavailable)('tag moved after signing shows both digests', async () => {
    const result = await app.signatures('moved-tag', '1.0.0');
    const current = result.subjects.find((subject) => subject.role === 'current');
    const registered = result.subjects.find((subject) => subject.role === 'registered');

    expect(registered?.digest).toBe(digests['moved-tag']);
    expect(registered?.state).toBe('approved');
    expect(current?.digest).not.toBe(digests['moved-tag']);
    expect(current?.state).toBe('unsigned');
    expect(current?.signatures).toEqual([]);
    expect(result.state).toBe('unsigned');
    expect((await app.summary('moved-tag')).signatureState).toBe('unsigned');
  });

  it.skipIf(unavailable)('index signed without its platforms covers only the index', async () => {
    const result = await app.signatures('signed-index', '1.0.0');
    const signatures = result.subjects[0]?.signatures ?? [];

    expect(result.state).toBe('approved');
    expect(signatures.map((signature) => [signature.digest, signature.covers.role])).toEqual([
      [digests['signed-index'], 'image'],
    ]);
  });

  it.skipIf(unavailable)('platforms signed without their index leave the index unsigned', async () => {
    const result = await app.signatures('signed-platforms', '1.0.0');
    const signatures = result.subjects[0]?.signatures ?? [];

    expect(result.state).toBe('unsigned');
    expect(
      signatures.map((signature) => [signature.digest, signature.covers, signature.state]).sort(),
    ).toEqual(
      [
        [platformDigests.amd64, { role: 'platform', platform: 'linux/amd64' }, 'approved'],
        [platformDigests.arm64, { role: 'platform', platform: 'linux/arm64/v8' }, 'approved'],
      ].sort(),
    );
    expect((await app.summary('signed-platforms')).signatureState).toBe('unsigned');
  });

  it.skipIf(unavailable)('two signers are listed with their own statuses', async () => {
    const result = await app.signatures('two-signers', '1.0.0');
    const signatures = result.subjects[0]?.signatures ?? [];

    expect(signatures.map((signature) => [signature.signer?.displayName, signature.state])).toEqual([
      ['Release key', 'approved'],
      ['CI key', 'pending'],
    ]);
    expect(result.state).toBe('approved');
  });

  it.skipIf(unavailable)('layers beyond the limit are reported, not checked', async () => {
    const result = await app.signatures('many-layers', '1.0.0');
    const signatures = result.subjects[0]?.signatures ?? [];
    const notices = signatures.filter((signature) => signature.reason === 'limit-exceeded');

    expect(result.check.status).toBe('checked');
    expect(signatures.filter((signature) => signature.reason === 'ok')).toHaveLength(8);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.state).toBe('ignored');
    expect(notices[0]?.reasonText).toContain('1000 signature layers');
    expect(result.state).toBe('approved');
  });

  it.skipIf(unavailable)('certificate with the exact identity is approved', async () => {
    const result = await app.signatures('keyless-exact', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(signature?.state).toBe('approved');
    expect(signature?.kind).toBe('certificate');
    expect(signature?.signer?.id).toBe(signers.identity!.id);
    expect(signature?.certificate).toMatchObject({
      san: releaseIdentity.san,
      issuer: releaseIdentity.issuer,
      notBefore: '2024-05-01T10:00:00.000Z',
      notAfter: '2024-05-01T10:10:00.000Z',
      logEntryTime: '2024-05-01T10:01:00.000Z',
      signingTimeSource: 'rekor',
    });
  });

  it.skipIf(unavailable).each(partialIdentities)(
    'identity only partly matching the approved one is not approved ($plugin)',
    async ({ plugin, san, issuer }) => {
      const result = await app.signatures(plugin, '1.0.0');
      const [signature] = result.subjects[0]?.signatures ?? [];

      expect(result.state).toBe('unapproved');
      expect(signature?.state).toBe('pending');
      expect(signature?.certificate).toMatchObject({ san, issuer });
      expect(signature?.signer?.id).not.toBe(signers.identity!.id);
      expect(signature?.signer?.displayName).toBe(san);
    },
  );

  it.skipIf(unavailable)('certificate without a signing time is not valid', async () => {
    const result = await app.signatures('keyless-without-log', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(signature?.reason).toBe('no-signing-time');
    expect(signature?.state).toBe('unverifiable');
    expect(signature?.signer).toBeUndefined();
    expect(signature?.certificate?.logEntryTime).toBeUndefined();
    expect(result.state).toBe('invalid');
  });

  it.skipIf(unavailable)('bundle referrer is verified like a tag signature', async () => {
    const result = await app.signatures('bundle-referrer', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(signature).toMatchObject({ source: 'referrer-bundle', reason: 'ok', state: 'approved' });
    expect(signature?.signer?.id).toBe(signers.release!.id);
    expect(result.state).toBe('approved');
  });

  it.skipIf(unavailable)('unknown key without a log entry is an unknown signer', async () => {
    const result = await app.signatures('unknown-key', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(signature?.state).toBe('unknown-signer');
    expect(signature?.reason).toBe('unknown-key');
    expect(signature?.signer).toBeUndefined();
    expect(result.state).toBe('unapproved');
  });

  it.skipIf(unavailable)('key revealed by a log entry becomes a pending signer', async () => {
    const result = await app.signatures('logged-unknown-key', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];
    const detail = await app.assay.getJson<{
      signer: Signer;
      history: { action: string; bySystem: boolean }[];
    }>(`/api/v1/signers/${signature?.signer?.id ?? 'none'}`);

    expect(signature?.state).toBe('pending');
    expect(signature?.keyFingerprint).toBe(loggedStrangerKey.fingerprint);
    expect(detail.body.signer.origin).toBe('discovered');
    expect(detail.body.signer.publicKey?.fingerprint).toBe(loggedStrangerKey.fingerprint);
    expect(detail.body.history).toEqual([expect.objectContaining({ action: 'discovered', bySystem: true })]);
  });

  it.skipIf(unavailable)('adding an unknown key verifies its signatures again at once', async () => {
    const added = await app.addSigner({
      kind: 'key',
      displayName: 'Stranger key',
      publicKeyPem: strangerKey.publicKeyPem,
    });

    const result = await app.signatures('unknown-key', '1.0.0');
    const [signature] = result.subjects[0]?.signatures ?? [];

    expect(signature?.reason).toBe('ok');
    expect(signature?.state).toBe('pending');
    expect(signature?.signer?.id).toBe(added.id);
    expect(added.imageCount).toBe(1);
  });

  it.skipIf(unavailable)('revoking a signer changes its signatures at once', async () => {
    const revoked = await app.send('POST', `/api/v1/signers/${signers.revocable!.id}/revoke`, {
      reason: 'Key found in a public CI log',
    });

    const after = await app.signatures('revocable', '1.0.0');
    const [signature] = after.subjects[0]?.signatures ?? [];

    expect(revoked.status).toBe(200);
    expect(signature?.state).toBe('revoked');
    expect(signature?.stateText).toContain('Key found in a public CI log');
    expect(after.state).toBe('unapproved');
    expect((await app.summary('revocable')).signatureState).toBe('unapproved');
  });

  it.skipIf(unavailable)('approving a revoked signer makes its signatures count again', async () => {
    await app.send('POST', `/api/v1/signers/${signers.revocable!.id}/revoke`, { reason: 'Checking' });
    const approved = await app.send('POST', `/api/v1/signers/${signers.revocable!.id}/approve`, {});

    const result = await app.signatures('revocable', '1.0.0');

    expect(approved.status).toBe(200);
    expect(result.state).toBe('approved');
    expect((await app.summary('revocable')).signatureState).toBe('approved');
  });

  it.skipIf(unavailable)('signer approved for other repositories is out of scope', async () => {
    const before = await app.signatures('scoped', '1.0.0');
    await app.send('PATCH', `/api/v1/signers/${signers.scoped!.id}`, {
      scope: [world.repositoryPath('signers')],
    });
    const after = await app.signatures('scoped', '1.0.0');

    expect(before.subjects[0]?.signatures[0]?.state).toBe('out-of-scope');
    expect(before.state).toBe('unapproved');
    expect(after.subjects[0]?.signatures[0]?.state).toBe('approved');
    expect((await app.summary('scoped')).signatureState).toBe('approved');
  });

  it.skipIf(unavailable)('signer whose approval expired no longer counts', async () => {
    // The API takes only an expiry in the future, so the expiry passing is simulated in the database.
    await app.assay.server.database.db
      .updateTable('signers')
      .set({ expires_at: '2024-01-01T00:00:00.000Z' })
      .where('id', '=', signers.scoped!.id)
      .execute();
    const expired = await app.signatures('scoped', '1.0.0');
    await app.send('PATCH', `/api/v1/signers/${signers.scoped!.id}`, { expiresAt: null });
    const renewed = await app.signatures('scoped', '1.0.0');

    expect(expired.subjects[0]?.signatures[0]?.state).toBe('signer-expired');
    expect(expired.state).toBe('unapproved');
    expect(renewed.state).toBe('approved');
  });

  it.skipIf(unavailable)('image without signatures is unsigned', async () => {
    const result = await app.signatures('unsigned', '1.0.0');

    expect(result.state).toBe('unsigned');
    expect(result.check.status).toBe('checked');
    expect(result.subjects[0]?.signatures).toEqual([]);
    expect((await app.summary('unsigned')).signatureState).toBe('unsigned');
  });

  it.skipIf(unavailable)('catalog filters plugins by signature state', async () => {
    const page = await app.assay.getJson<{
      items: { name: string }[];
      facets: { signatureStates: unknown[] };
    }>('/api/v1/plugins?signatureState=invalid&pageSize=100');

    expect(page.body.items.map((item) => item.name).sort()).toEqual([
      'copied-signature',
      'keyless-without-log',
    ]);
    expect(page.body.facets.signatureStates).toEqual(
      expect.arrayContaining([
        { value: 'approved', count: expect.any(Number) },
        { value: 'invalid', count: 2 },
        { value: 'unsigned', count: expect.any(Number) },
        { value: 'unapproved', count: expect.any(Number) },
      ]),
    );
  });

  it.skipIf(unavailable)('second sync within the TTL sends no registry request', async () => {
    const before = await app.signatures('valid-signature', '1.0.0');
    const requestsBefore = app.registryRequests.length;
    await app.assay.server.syncNow();
    const after = await app.signatures('valid-signature', '1.0.0');

    expect(app.registryRequests.slice(requestsBefore)).toEqual([]);
    expect(after.check.checkedAt).toBe(before.check.checkedAt);
    expect(after.subjects).toEqual(before.subjects);
  });
});
