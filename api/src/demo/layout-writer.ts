import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Descriptor } from '../registry/types.ts';

export const repositoryAnnotation = 'io.assay.repository';
export const refNameAnnotation = 'org.opencontainers.image.ref.name';

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Canonical JSON bytes for a manifest or config: stable key order from the object literal, no spaces. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * Collects blobs and tagged manifests in memory and writes them as one OCI image layout holding many
 * repositories; each index.json entry names its repository in an annotation and its tag in
 * `org.opencontainers.image.ref.name`.
 */
export class LayoutWriter {
  private readonly blobs = new Map<string, Uint8Array>();
  private readonly entries: Descriptor[] = [];

  addBlob(bytes: Uint8Array, mediaType: string): Descriptor {
    const digest = sha256Digest(bytes);
    this.blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length };
  }

  addJson(value: unknown, mediaType: string): Descriptor {
    return this.addBlob(jsonBytes(value), mediaType);
  }

  /** Points `repository:tag` at a manifest descriptor; a later call for the same tag replaces it. */
  tag(repository: string, tag: string, descriptor: Descriptor): void {
    const existing = this.entries.findIndex(
      (entry) =>
        entry.annotations?.[repositoryAnnotation] === repository &&
        entry.annotations?.[refNameAnnotation] === tag,
    );
    if (existing >= 0) this.entries.splice(existing, 1);
    this.entries.push({
      mediaType: descriptor.mediaType,
      digest: descriptor.digest,
      size: descriptor.size,
      annotations: { [repositoryAnnotation]: repository, [refNameAnnotation]: tag },
    });
  }

  /** Lists a manifest (a referrer such as a signature bundle) without a tag. */
  addUntagged(repository: string, descriptor: Descriptor): void {
    this.entries.push({
      ...descriptor,
      annotations: { ...descriptor.annotations, [repositoryAnnotation]: repository },
    });
  }

  /** Writes the layout into `dir`, replacing what was there, through a temporary folder and a rename. */
  write(dir: string): void {
    const staging = `${dir}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(path.join(staging, 'blobs', 'sha256'), { recursive: true });
    writeFileSync(path.join(staging, 'oci-layout'), jsonBytes({ imageLayoutVersion: '1.0.0' }));
    for (const [digest, bytes] of [...this.blobs].sort(([a], [b]) => a.localeCompare(b))) {
      writeFileSync(path.join(staging, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
    }
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: this.entries,
    };
    writeFileSync(path.join(staging, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  }
}
