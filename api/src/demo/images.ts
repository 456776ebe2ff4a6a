import { createHash } from 'node:crypto';
import { mediaTypes, type Descriptor } from '../registry/types.ts';
import { deterministicGzip, tarFiles } from './tar.ts';
import { sha256Digest, type LayoutWriter } from './layout-writer.ts';

export interface DemoImageSpec {
  repository: string;
  tag: string;
  title: string;
  version: string;
  description: string;
  source?: string;
  /** Two platforms and a build attestation entry instead of one platform manifest. */
  multiPlatform: boolean;
}

/** A fixed, plausible creation time derived from the image name, so rebuilding the demo gives equal digests. */
function createdFor(spec: DemoImageSpec): string {
  const hash = createHash('sha256').update(`${spec.repository}:${spec.tag}`).digest();
  const start = Date.UTC(2021, 0, 1);
  const span = Date.UTC(2025, 0, 1) - start;
  return new Date(start + (hash.readUInt32BE(0) / 0xffffffff) * span).toISOString().replace(/\.\d+Z$/, 'Z');
}

function platformManifest(writer: LayoutWriter, spec: DemoImageSpec, architecture: string): Descriptor {
  const layerTar = tarFiles([
    { name: 'opt/plugin/README', content: `${spec.title} ${spec.version}\n${spec.description}\n` },
    { name: 'opt/plugin/ARCH', content: `${architecture}\n` },
  ]);
  const layer = writer.addBlob(deterministicGzip(layerTar), 'application/vnd.oci.image.layer.v1.tar+gzip');
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': spec.title,
    'org.opencontainers.image.version': spec.version,
    'org.opencontainers.image.description': spec.description.slice(0, 200),
    'io.assay.demo': 'true',
  };
  if (spec.source) labels['org.opencontainers.image.source'] = spec.source;
  const config = writer.addJson(
    {
      created: createdFor(spec),
      architecture,
      os: 'linux',
      config: { Labels: labels, Entrypoint: ['/bin/sh', '-c'], WorkingDir: '/opt/plugin' },
      rootfs: { type: 'layers', diff_ids: [sha256Digest(layerTar)] },
      history: [{ created: createdFor(spec), created_by: 'assay demo image builder' }],
    },
    mediaTypes.ociConfig,
  );
  return writer.addJson(
    { schemaVersion: 2, mediaType: mediaTypes.ociManifest, config, layers: [layer] },
    mediaTypes.ociManifest,
  );
}

/** A build-provenance attestation manifest as buildx attaches it: an index entry that is not a platform. */
function attestationManifest(writer: LayoutWriter, subject: Descriptor): Descriptor {
  const statement = writer.addJson(
    {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [],
    },
    'application/vnd.in-toto+json',
  );
  const config = writer.addJson(
    { architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [] } },
    mediaTypes.ociConfig,
  );
  const manifest = writer.addJson(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config,
      layers: [
        { ...statement, annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' } },
      ],
    },
    mediaTypes.ociManifest,
  );
  return {
    ...manifest,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: {
      'vnd.docker.reference.type': 'attestation-manifest',
      'vnd.docker.reference.digest': subject.digest,
    },
  };
}

/** Adds one demo image (a platform manifest, or an index of two platforms and an attestation) and tags it. */
export function addDemoImage(writer: LayoutWriter, spec: DemoImageSpec): Descriptor {
  if (!spec.multiPlatform) {
    const manifest = platformManifest(writer, spec, 'amd64');
    writer.tag(spec.repository, spec.tag, manifest);
    return manifest;
  }
  const amd64 = {
    ...platformManifest(writer, spec, 'amd64'),
    platform: { os: 'linux', architecture: 'amd64' },
  };
  const arm64 = {
    ...platformManifest(writer, spec, 'arm64'),
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  };
  const index = writer.addJson(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociIndex,
      manifests: [amd64, arm64, attestationManifest(writer, amd64)],
    },
    mediaTypes.ociIndex,
  );
  writer.tag(spec.repository, spec.tag, index);
  return index;
}
