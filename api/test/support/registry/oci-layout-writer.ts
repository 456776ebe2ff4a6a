import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mediaTypes, type Descriptor } from '../../../src/registry/types.ts';
import type { BuiltBlob } from './synthetic-image.ts';

/** An index.json entry: a manifest, the repository it belongs to and its tag, when it has one. */
export interface LayoutEntry {
  descriptor: Descriptor;
  repository?: string;
  tag?: string;
}

/**
 * Writes an OCI image layout into `dir` (created if missing): `oci-layout`, every blob under
 * `blobs/sha256/`, and index.json listing `entries` with the `io.assay.repository` and
 * `org.opencontainers.image.ref.name` annotations.
 */
export function writeOciLayout(
  dir: string,
  blobs: Iterable<BuiltBlob>,
  entries: readonly LayoutEntry[],
): void {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const blob of blobs) {
    const hex = blob.descriptor.digest.slice('sha256:'.length);
    writeFileSync(path.join(dir, 'blobs', 'sha256', hex), blob.bytes);
  }

  const manifests = entries.map(({ descriptor, repository, tag }) => {
    const annotations: Record<string, string> = { ...descriptor.annotations };
    if (repository !== undefined) annotations['io.assay.repository'] = repository;
    if (tag !== undefined) annotations['org.opencontainers.image.ref.name'] = tag;
    return { ...descriptor, annotations };
  });
  const index = { schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests };
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index, null, 2));
}
