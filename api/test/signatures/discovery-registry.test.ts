import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import type { RegistrySource } from '../../src/registry/types.ts';
import {
  buildSignatureTrust,
  defaultSignatureLimits,
  discoverSignatures,
  discoverSignaturesForImage,
  verifySignatures,
  type SignatureTrustConfig,
} from '../../src/signatures/index.ts';
import {
  buildBundle,
  buildBundleReferrer,
  buildImage,
  buildIndex,
  buildReferrersIndex,
  buildSignatureManifest,
  bundleV03MediaType,
  cosignSignPredicateType,
  createCertificateAuthority,
  createTestRekorLog,
  generateSigningKey,
  pushManifest,
  pushSignatureManifest,
  signDsse,
  signLayer,
  signStatement,
  type BuiltManifest,
} from '../support/cosign/index.ts';
import { startRegistry, type TestRegistry } from '../support/registry/index.ts';

const repository = 'lab/threshold-plugin';
const ecdsaKey = generateSigningKey('ecdsa-p256');
const ed25519Key = generateSigningKey('ed25519');
const noTrust: SignatureTrustConfig = { keys: [], identities: [], certificateAuthorities: [], rekorKeys: [] };

let registry: TestRegistry;
let source: RegistrySource;
let imageCount = 0;

beforeAll(async () => {
  registry = await startRegistry();
  source = createHttpRegistrySource({ host: registry.host, url: registry.url });
});

afterAll(async () => {
  await registry?.stop();
});

/** Pushes a fresh single-platform image and returns its manifest. */
async function pushNewImage(architecture = 'amd64'): Promise<BuiltManifest> {
  imageCount++;
  const image = buildImage({ os: 'linux', architecture }, `layer content ${imageCount}`);
  await pushManifest(registry.url, repository, image);
  return image;
}

async function discoverAndVerify(
  digest: string,
  trust: SignatureTrustConfig,
  limits = defaultSignatureLimits,
) {
  const discovery = await discoverSignatures(source, repository, digest, limits);
  return verifySignatures(discovery, buildSignatureTrust(trust));
}

describe('signature discovery in a registry', () => {
  test('image without signatures has no results', async () => {
    const image = await pushNewImage();

    const results = await discoverAndVerify(image.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(results).toEqual([]);
  });

  test('valid signature is found and verified', async () => {
    const image = await pushNewImage();
    const signatures = buildSignatureManifest([signLayer({ key: ecdsaKey, digest: image.digest })]);
    await pushSignatureManifest(registry.url, repository, image.digest, signatures);

    const results = await discoverAndVerify(image.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      digest: image.digest,
      status: 'valid',
      source: 'cosign-tag',
      signerRef: ecdsaKey.fingerprint,
      location: { manifestDigest: signatures.digest, layerIndex: 0 },
    });
  });

  test('signature copied onto another digest is a digest mismatch', async () => {
    const signed = await pushNewImage();
    const other = await pushNewImage();
    const signatures = buildSignatureManifest([signLayer({ key: ecdsaKey, digest: signed.digest })]);
    await pushSignatureManifest(registry.url, repository, other.digest, signatures);

    const results = await discoverAndVerify(other.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(results.map((result) => result.reason)).toEqual(['digest-mismatch']);
    expect(results[0]?.claims?.dockerManifestDigest).toBe(signed.digest);
  });

  test('index signed without its platforms reports which digest is covered', async () => {
    const amd64 = await pushNewImage('amd64');
    const arm64 = await pushNewImage('arm64');
    const index = buildIndex([
      { manifest: amd64, os: 'linux', architecture: 'amd64' },
      { manifest: arm64, os: 'linux', architecture: 'arm64' },
    ]);
    await pushManifest(registry.url, repository, index);
    await pushSignatureManifest(
      registry.url,
      repository,
      index.digest,
      buildSignatureManifest([signLayer({ key: ecdsaKey, digest: index.digest })]),
    );
    const trust = buildSignatureTrust({ ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    const fromIndex = await verifySignatures(
      await discoverSignaturesForImage(
        source,
        repository,
        index.digest,
        [amd64.digest, arm64.digest],
        defaultSignatureLimits,
      ),
      trust,
    );
    const fromPlatform = await verifySignatures(
      await discoverSignaturesForImage(
        source,
        repository,
        amd64.digest,
        [index.digest],
        defaultSignatureLimits,
      ),
      trust,
    );

    expect(fromIndex.map((result) => [result.digest, result.reason])).toEqual([[index.digest, 'ok']]);
    expect(fromPlatform.map((result) => [result.digest, result.reason])).toEqual([[index.digest, 'ok']]);
  });

  test('two signatures by different signers are reported separately', async () => {
    const image = await pushNewImage();
    const signatures = buildSignatureManifest([
      signLayer({ key: ecdsaKey, digest: image.digest }),
      signLayer({ key: ed25519Key, digest: image.digest }),
    ]);
    await pushSignatureManifest(registry.url, repository, image.digest, signatures);

    const bothKnown = await discoverAndVerify(image.digest, {
      ...noTrust,
      keys: [ecdsaKey.publicKeyPem, ed25519Key.publicKeyPem],
    });
    const oneKnown = await discoverAndVerify(image.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(bothKnown.map((result) => result.signerRef)).toEqual([
      ecdsaKey.fingerprint,
      ed25519Key.fingerprint,
    ]);
    expect(oneKnown.map((result) => result.reason)).toEqual(['ok', 'unknown-key']);
  });

  test('huge number of signature layers is bounded and reported', async () => {
    const image = await pushNewImage();
    const layer = signLayer({ key: ecdsaKey, digest: image.digest });
    await pushSignatureManifest(
      registry.url,
      repository,
      image.digest,
      buildSignatureManifest(Array.from({ length: 500 }, () => layer)),
    );
    const limits = { ...defaultSignatureLimits, maxSignatureLayers: 10 };

    const discovery = await discoverSignatures(source, repository, image.digest, limits);

    expect(discovery.candidates).toHaveLength(10);
    expect(discovery.problems.map((problem) => problem.reason)).toEqual(['limit-exceeded']);
    expect(discovery.problems[0]?.reasonText).toContain('500');
  });

  test('payload over the size limit is not downloaded', async () => {
    const image = await pushNewImage();
    await pushSignatureManifest(
      registry.url,
      repository,
      image.digest,
      buildSignatureManifest([signLayer({ key: ecdsaKey, digest: image.digest })]),
    );

    const results = await discoverAndVerify(
      image.digest,
      { ...noTrust, keys: [ecdsaKey.publicKeyPem] },
      { ...defaultSignatureLimits, maxPayloadBytes: 64 },
    );

    expect(results.map((result) => result.reason)).toEqual(['too-large']);
  });

  test('other attachment in the .sig manifest is not a signature', async () => {
    const image = await pushNewImage();
    const attachment = {
      payload: new TextEncoder().encode('not a signature'),
      annotations: { 'dev.cosignproject.cosign/signature': 'AAAA' },
      mediaType: 'text/plain',
    };
    await pushSignatureManifest(registry.url, repository, image.digest, buildSignatureManifest([attachment]));

    const results = await discoverAndVerify(image.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(results.map((result) => [result.reason, result.status])).toEqual([['not-a-signature', 'invalid']]);
  });

  test('certificate signature with a partly matching identity is not trusted', async () => {
    const image = await pushNewImage();
    const signedAt = new Date();
    const authority = await createCertificateAuthority(
      'registry-fulcio',
      new Date(signedAt.getTime() - 86_400_000),
    );
    const log = createTestRekorLog();
    const leaf = await authority.issueLeaf({
      notBefore: new Date(signedAt.getTime() - 60_000),
      notAfter: new Date(signedAt.getTime() + 540_000),
      emails: ['builder@lab.example.org.attacker.example'],
      oidcIssuer: 'https://login.example.org',
    });
    const layer = signLayer({
      key: leaf.key,
      digest: image.digest,
      certificate: { leaf, chain: [authority.intermediate, authority.root] },
      rekor: { log, integratedTime: signedAt },
    });
    await pushSignatureManifest(registry.url, repository, image.digest, buildSignatureManifest([layer]));
    const trust: SignatureTrustConfig = {
      keys: [],
      identities: [{ san: 'builder@lab.example.org', issuer: 'https://login.example.org' }],
      certificateAuthorities: [
        { name: 'registry-fulcio', pem: authority.root.pem, requireSigningTime: true },
      ],
      rekorKeys: [log.publicKeyPem],
    };

    const results = await discoverAndVerify(image.digest, trust);

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      reason: 'identity-mismatch',
      status: 'unverifiable',
      signerRef: 'builder@lab.example.org.attacker.example|https://login.example.org',
    });
  });

  test('Sigstore bundle referrer is found through the referrers tag', async () => {
    const image = await pushNewImage();
    const signature = buildBundleReferrer(
      image,
      buildBundle({ envelope: signDsse(ecdsaKey, signStatement(image.digest)) }),
      bundleV03MediaType,
      cosignSignPredicateType,
    );
    const attestation = buildBundleReferrer(
      image,
      buildBundle({
        envelope: signDsse(ecdsaKey, signStatement(image.digest, 'https://slsa.dev/provenance/v1')),
      }),
      bundleV03MediaType,
      'https://slsa.dev/provenance/v1',
    );
    await pushManifest(registry.url, repository, signature);
    await pushManifest(registry.url, repository, attestation);
    // This registry has no referrers API, so clients keep the referrers index under the digest's tag.
    await pushManifest(
      registry.url,
      repository,
      buildReferrersIndex([signature, attestation]),
      image.digest.replace(':', '-'),
    );

    const results = await discoverAndVerify(image.digest, { ...noTrust, keys: [ecdsaKey.publicKeyPem] });

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      source: 'referrer-bundle',
      reason: 'ok',
      location: { manifestDigest: signature.digest },
    });
  });
});
