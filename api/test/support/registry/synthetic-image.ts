import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mediaTypes, type Descriptor } from '../../../src/registry/types.ts';

/** Bytes and their descriptor, ready to push or to write into a layout. */
export interface BuiltBlob {
  descriptor: Descriptor;
  bytes: Uint8Array;
}

/** A small image: manifest, config and one layer. */
export interface BuiltImage {
  manifest: BuiltBlob;
  config: BuiltBlob;
  layers: BuiltBlob[];
}

/** A multi-platform index with its platform images and its attestation manifest. */
export interface BuiltIndex {
  index: BuiltBlob;
  platforms: BuiltImage[];
  /** BuildKit-style provenance attestation listed in the index as platform unknown/unknown. */
  attestation: BuiltImage | undefined;
}

export type ImageFormat = 'oci' | 'docker';

export interface SyntheticImageOptions {
  format?: ImageFormat;
  labels?: Record<string, string>;
  /** RFC 3339 time stored in the config; default 2024-01-02T03:04:05Z. */
  created?: string;
  os?: string;
  architecture?: string;
  variant?: string;
  /** Text of the one file in the layer; change it to get a different digest. */
  content?: string;
}

export interface SyntheticIndexOptions {
  format?: ImageFormat;
  labels?: Record<string, string>;
  created?: string;
  content?: string;
  /** Add the attestation entry (default true). */
  attestation?: boolean;
}

const layerMediaTypes: Record<ImageFormat, string> = {
  oci: 'application/vnd.oci.image.layer.v1.tar+gzip',
  docker: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function blobOf(bytes: Uint8Array, mediaType: string, extra: Partial<Descriptor> = {}): BuiltBlob {
  return { bytes, descriptor: { mediaType, digest: sha256(bytes), size: bytes.byteLength, ...extra } };
}

export function jsonBlob(value: unknown, mediaType: string, extra: Partial<Descriptor> = {}): BuiltBlob {
  return blobOf(new TextEncoder().encode(JSON.stringify(value)), mediaType, extra);
}

/** Builds a one-file ustar archive: 512-byte header, content padded to 512 bytes, two zero blocks. */
function tarWithOneFile(name: string, content: Uint8Array): Uint8Array {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'ascii');
  header.write('0000000\0', 108, 'ascii');
  header.write('0000000\0', 116, 'ascii');
  header.write(`${content.byteLength.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  header.write('00000000000\0', 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  const checksum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');

  const padded = Buffer.alloc(Math.ceil(content.byteLength / 512) * 512);
  padded.set(content);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

/** Builds a deterministic image: the same options always give the same digests. */
export function buildImage(options: SyntheticImageOptions = {}): BuiltImage {
  const format = options.format ?? 'oci';
  const tar = tarWithOneFile('hello.txt', new TextEncoder().encode(options.content ?? 'hello from assay\n'));
  const layer = blobOf(gzipSync(tar, { level: 9 }), layerMediaTypes[format]);

  const configJson: Record<string, unknown> = {
    created: options.created ?? '2024-01-02T03:04:05Z',
    architecture: options.architecture ?? 'amd64',
    os: options.os ?? 'linux',
    config: { Labels: options.labels ?? {}, Cmd: ['/hello'] },
    rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
  };
  if (options.variant !== undefined) configJson.variant = options.variant;
  const config = jsonBlob(configJson, format === 'oci' ? mediaTypes.ociConfig : mediaTypes.dockerConfig);

  const manifestType = format === 'oci' ? mediaTypes.ociManifest : mediaTypes.dockerManifest;
  const manifest = jsonBlob(
    { schemaVersion: 2, mediaType: manifestType, config: config.descriptor, layers: [layer.descriptor] },
    manifestType,
  );
  return { manifest, config, layers: [layer] };
}

/** Builds a provenance attestation manifest for `subject`, shaped like the ones BuildKit adds to an index. */
function buildAttestation(subject: BuiltImage): { image: BuiltImage; entry: Descriptor } {
  const statement = jsonBlob(
    {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [],
    },
    'application/vnd.in-toto+json',
    { annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } },
  );
  const config = jsonBlob(
    { architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [] } },
    mediaTypes.ociConfig,
  );
  const manifest = jsonBlob(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config: config.descriptor,
      layers: [statement.descriptor],
    },
    mediaTypes.ociManifest,
  );
  const entry: Descriptor = {
    ...manifest.descriptor,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: {
      'vnd.docker.reference.type': 'attestation-manifest',
      'vnd.docker.reference.digest': subject.manifest.descriptor.digest,
    },
  };
  return { image: { manifest, config, layers: [statement] }, entry };
}

/** Builds an index of linux/amd64 and linux/arm64/v8 images plus an attestation entry for the amd64 one. */
export function buildIndex(options: SyntheticIndexOptions = {}): BuiltIndex {
  const format = options.format ?? 'oci';
  const common = { format, labels: options.labels, created: options.created };
  const amd64 = buildImage({
    ...common,
    architecture: 'amd64',
    content: `${options.content ?? 'hello'} amd64\n`,
  });
  const arm64 = buildImage({
    ...common,
    architecture: 'arm64',
    variant: 'v8',
    content: `${options.content ?? 'hello'} arm64\n`,
  });
  const attestation = options.attestation === false ? undefined : buildAttestation(amd64);

  const entries: Descriptor[] = [
    { ...amd64.manifest.descriptor, platform: { os: 'linux', architecture: 'amd64' } },
    { ...arm64.manifest.descriptor, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
  ];
  if (attestation !== undefined) entries.push(attestation.entry);

  const indexType = format === 'oci' ? mediaTypes.ociIndex : mediaTypes.dockerManifestList;
  const index = jsonBlob({ schemaVersion: 2, mediaType: indexType, manifests: entries }, indexType);
  return { index, platforms: [amd64, arm64], attestation: attestation?.image };
}

/** Returns the config and layer blobs of an image, which a registry needs before it accepts the manifest. */
export function blobsOf(image: BuiltImage): BuiltBlob[] {
  return [image.config, ...image.layers];
}
