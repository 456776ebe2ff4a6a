import { isDigest } from '../registry/digest.ts';
import type { DigestCache } from '../registry/digest-cache.ts';
import type { RegistrySource } from '../registry/types.ts';

/**
 * Wraps a registry source so that digest-addressed manifests and blobs come from the digest cache when
 * present and are stored in it after a download. Tags (the `.sig` tag) and referrer listings always go
 * to the registry, because new signatures can be pushed at any time.
 */
export function cachedRegistrySource(source: RegistrySource, cache: DigestCache): RegistrySource {
  return {
    host: source.host,
    kind: source.kind,
    ping: (signal) => source.ping(signal),
    listTags: (repository, signal) => source.listTags(repository, signal),
    headManifest: (repository, reference, signal) => source.headManifest(repository, reference, signal),
    listReferrers: (repository, digest, signal) => source.listReferrers(repository, digest, signal),

    async getManifest(repository, reference, signal) {
      const digest = typeof reference === 'string' ? reference : reference.digest;
      const cached = isDigest(digest) ? await cache.getManifest(digest) : undefined;
      if (cached !== undefined) return cached;

      const fetched = await source.getManifest(repository, reference, signal);
      await cache.putManifest(fetched.digest, fetched);
      return fetched;
    },

    async getBlob(repository, descriptor, signal) {
      const cached = await cache.getBlob(descriptor.digest);
      // A cached copy must have the descriptor's size, as a downloaded blob must.
      if (cached !== undefined && cached.byteLength === descriptor.size) return cached;

      const bytes = await source.getBlob(repository, descriptor, signal);
      await cache.putBlob(descriptor.digest, bytes);
      return bytes;
    },
  };
}
