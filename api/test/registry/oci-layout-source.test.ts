import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inspectImage } from '../../src/registry/inspect.ts';
import { createOciLayoutSource } from '../../src/registry/oci-layout-source.ts';
import { referrersTagFor } from '../../src/registry/referrers.ts';
import { mediaTypes, RegistryError, type Descriptor } from '../../src/registry/types.ts';
import {
  blobOf,
  buildImage,
  buildIndex,
  jsonBlob,
  writeOciLayout,
  type BuiltBlob,
  type BuiltImage,
  type LayoutEntry,
} from '../support/registry/index.ts';

const host = 'demo.assay.local';
const bundleType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const labels = { 'org.opencontainers.image.title': 'montage' };

let root: string;
let dir: string;
const imageA = buildImage({ content: 'a', labels });
const imageB = buildImage({ content: 'b', format: 'docker' });
const index = buildIndex({ labels, content: 'index' });
const signature = buildImage({ content: 'cosign signature' });
const brokenBytes = new TextEncoder().encode(
  '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}',
);
const broken = blobOf(brokenBytes, mediaTypes.ociManifest);

/** Builds an artifact manifest whose subject is `subject`, like a Sigstore bundle pushed as a referrer. */
function artifact(
  subject: BuiltImage,
  payload: string,
): { manifest: BuiltBlob; blobs: BuiltBlob[]; referrer: Descriptor } {
  const empty = blobOf(new TextEncoder().encode('{}'), mediaTypes.ociEmpty);
  const layer = blobOf(new TextEncoder().encode(payload), bundleType);
  const annotations = { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' };
  const manifest = jsonBlob(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      artifactType: bundleType,
      config: empty.descriptor,
      layers: [layer.descriptor],
      subject: subject.manifest.descriptor,
      annotations,
    },
    mediaTypes.ociManifest,
  );
  return {
    manifest,
    blobs: [empty, layer, manifest],
    referrer: { ...manifest.descriptor, artifactType: bundleType, annotations },
  };
}

const sameRepository = artifact(imageA, 'bundle in demo/a');
const otherRepository = artifact(imageA, 'bundle in demo/b');
const unowned = artifact(imageA, 'bundle without repository');
const viaTag = artifact(imageB, 'bundle behind the referrers tag');
const referrersIndex = jsonBlob(
  { schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [viaTag.referrer] },
  mediaTypes.ociIndex,
);

function imageBlobs(image: BuiltImage): BuiltBlob[] {
  return [image.manifest, image.config, ...image.layers];
}

async function registryError(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'assay-layout-'));
  dir = path.join(root, 'layout');
  const blobs = [
    ...imageBlobs(imageA),
    ...imageBlobs(imageB),
    ...imageBlobs(signature),
    index.index,
    ...index.platforms.flatMap(imageBlobs),
    ...(index.attestation ? imageBlobs(index.attestation) : []),
    ...sameRepository.blobs,
    ...otherRepository.blobs,
    ...unowned.blobs,
    ...viaTag.blobs,
    referrersIndex,
  ];
  const entries: LayoutEntry[] = [
    { repository: 'demo/a', tag: '1.0', descriptor: imageA.manifest.descriptor },
    { repository: 'demo/a', tag: '2.0', descriptor: index.index.descriptor },
    {
      repository: 'demo/a',
      tag: `${referrersTagFor(imageA.manifest.descriptor.digest)}.sig`,
      descriptor: signature.manifest.descriptor,
    },
    { repository: 'demo/a', tag: 'broken', descriptor: broken.descriptor },
    { repository: 'demo/a', descriptor: sameRepository.manifest.descriptor },
    { repository: 'demo/b', tag: '1.0', descriptor: imageB.manifest.descriptor },
    { repository: 'demo/b', descriptor: otherRepository.manifest.descriptor },
    {
      repository: 'demo/b',
      tag: referrersTagFor(imageB.manifest.descriptor.digest),
      descriptor: referrersIndex.descriptor,
    },
    { descriptor: unowned.manifest.descriptor },
  ];
  writeOciLayout(dir, blobs, entries);
  // The broken manifest's file contains other bytes of the same length, so only the digest check can catch it.
  const tampered = new TextEncoder().encode(new TextDecoder().decode(brokenBytes).replace('oci', 'OCI'));
  writeFileSync(
    path.join(dir, 'blobs', 'sha256', broken.descriptor.digest.slice('sha256:'.length)),
    tampered,
  );
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('OCI layout source', () => {
  test('lists the tags of each repository', async () => {
    const source = createOciLayoutSource({ host, dir });

    expect((await source.listTags('demo/a')).tags).toEqual(
      ['1.0', '2.0', 'broken', `${referrersTagFor(imageA.manifest.descriptor.digest)}.sig`].sort(),
    );
    expect(await source.listTags('demo/b')).toEqual({
      tags: ['1.0', referrersTagFor(imageB.manifest.descriptor.digest)],
      truncated: false,
    });
  });

  test('reads a manifest by tag', async () => {
    const manifest = await createOciLayoutSource({ host, dir }).getManifest('demo/b', '1.0');

    expect(manifest.digest).toBe(imageB.manifest.descriptor.digest);
    expect(manifest.mediaType).toBe(mediaTypes.dockerManifest);
    expect(manifest.bytes).toEqual(imageB.manifest.bytes);
  });

  test('reads a platform manifest by digest', async () => {
    const platform = index.platforms[1] as BuiltImage;

    const manifest = await createOciLayoutSource({ host, dir }).getManifest(
      'demo/a',
      platform.manifest.descriptor.digest,
    );

    expect(manifest.mediaType).toBe(mediaTypes.ociManifest);
    expect(manifest.bytes).toEqual(platform.manifest.bytes);
  });

  test('resolves a tag with headManifest', async () => {
    const head = await createOciLayoutSource({ host, dir }).headManifest('demo/a', '2.0');

    expect(head).toEqual({
      digest: index.index.descriptor.digest,
      mediaType: mediaTypes.ociIndex,
      size: index.index.bytes.byteLength,
    });
  });

  test('reads and verifies a config blob', async () => {
    const bytes = await createOciLayoutSource({ host, dir }).getBlob('demo/a', imageA.config.descriptor);

    expect(bytes).toEqual(imageA.config.bytes);
  });

  test('reads a cosign signature tag', async () => {
    const tag = `${referrersTagFor(imageA.manifest.descriptor.digest)}.sig`;

    const manifest = await createOciLayoutSource({ host, dir }).getManifest('demo/a', tag);

    expect(manifest.digest).toBe(signature.manifest.descriptor.digest);
  });

  const missing = [
    { name: 'unknown repository', repository: 'demo/none', reference: '1.0' },
    { name: 'unknown tag', repository: 'demo/a', reference: '9.9' },
    { name: 'unknown digest', repository: 'demo/a', reference: `sha256:${'0'.repeat(64)}` },
  ];

  test.each(missing)('reports not-found for an $name', async ({ repository, reference }) => {
    const error = await registryError(
      createOciLayoutSource({ host, dir }).getManifest(repository, reference),
    );

    expect(error.kind).toBe('not-found');
    expect(error.host).toBe(host);
  });

  test('rejects a manifest whose bytes do not match its digest', async () => {
    const error = await registryError(createOciLayoutSource({ host, dir }).getManifest('demo/a', 'broken'));

    expect(error.kind).toBe('digest-mismatch');
  });

  test('rejects a manifest above maxManifestBytes', async () => {
    const source = createOciLayoutSource({ host, dir, limits: { maxManifestBytes: 100 } });

    const error = await registryError(source.getManifest('demo/a', '1.0'));

    expect(error.kind).toBe('too-large');
  });

  test('rejects a blob descriptor above maxBlobBytes', async () => {
    const source = createOciLayoutSource({ host, dir, limits: { maxBlobBytes: 10 } });

    const error = await registryError(source.getBlob('demo/a', imageA.config.descriptor));

    expect(error.kind).toBe('too-large');
  });

  test('rejects a descriptor whose size differs from the file', async () => {
    const descriptor = { digest: imageA.config.descriptor.digest, size: imageA.config.descriptor.size + 1 };

    const error = await registryError(createOciLayoutSource({ host, dir }).getBlob('demo/a', descriptor));

    expect(error.kind).toBe('invalid-response');
  });
});

describe('OCI layout referrers', () => {
  test('finds index.json entries whose subject is the digest', async () => {
    const listing = await createOciLayoutSource({ host, dir }).listReferrers(
      'demo/a',
      imageA.manifest.descriptor.digest,
    );

    expect(listing).toEqual({ referrers: [sameRepository.referrer, unowned.referrer], truncated: false });
  });

  test('reads the referrers tag index', async () => {
    const listing = await createOciLayoutSource({ host, dir }).listReferrers(
      'demo/b',
      imageB.manifest.descriptor.digest,
    );

    expect(listing).toEqual({ referrers: [viaTag.referrer], truncated: false });
  });

  test('bounds the number of referrers', async () => {
    const source = createOciLayoutSource({ host, dir, limits: { maxReferrers: 1 } });

    const listing = await source.listReferrers('demo/a', imageA.manifest.descriptor.digest);

    expect(listing).toEqual({ referrers: [sameRepository.referrer], truncated: true });
  });
});

describe('OCI layout inspection and failures', () => {
  test('inspects a multi-platform image', async () => {
    const inspection = await inspectImage(createOciLayoutSource({ host, dir }), 'demo/a', '2.0');

    expect(inspection.digest).toBe(index.index.descriptor.digest);
    expect(inspection.platforms.map((platform) => `${platform.os}/${platform.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    expect(inspection.labels).toEqual(labels);
    expect(inspection.otherTags).toEqual(['broken', '1.0']);
  });

  test('reports a missing layout folder as unavailable', async () => {
    const error = await registryError(
      createOciLayoutSource({ host, dir: path.join(root, 'missing') }).ping(),
    );

    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('oci-layout');
  });

  test('reports an invalid index.json with its JSON path', async () => {
    const invalid = path.join(root, 'invalid');
    writeOciLayout(invalid, [], []);
    writeFileSync(
      path.join(invalid, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [{ digest: 'sha256:x' }] }),
    );

    const error = await registryError(createOciLayoutSource({ host, dir: invalid }).listTags('demo/a'));

    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('manifests.0');
  });
});
