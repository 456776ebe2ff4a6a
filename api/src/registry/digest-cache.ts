import type { FetchedManifest } from './types.ts';

/**
 * Storage for digest-addressed content. Content under a digest never changes, so callers keep entries
 * for good. Methods may return values or promises.
 */
export interface DigestCache {
  getManifest(digest: string): Promise<FetchedManifest | undefined> | FetchedManifest | undefined;
  putManifest(digest: string, manifest: FetchedManifest): Promise<void> | void;
  getBlob(digest: string): Promise<Uint8Array | undefined> | Uint8Array | undefined;
  putBlob(digest: string, bytes: Uint8Array): Promise<void> | void;
}

/** Creates a DigestCache in process memory, for tests and single-process tools. It grows without bound. */
export function createMemoryDigestCache(): DigestCache {
  const manifests = new Map<string, FetchedManifest>();
  const blobs = new Map<string, Uint8Array>();
  return {
    getManifest: (digest) => manifests.get(digest),
    putManifest: (digest, manifest) => void manifests.set(digest, manifest),
    getBlob: (digest) => blobs.get(digest),
    putBlob: (digest, bytes) => void blobs.set(digest, bytes),
  };
}
