import type { DatabaseContext } from '../db/engine.ts';
import type { DigestCache } from '../registry/digest-cache.ts';

/** A {@link DigestCache} in the database, shared by every API instance, keyed by registry host and digest. */
export function createDatabaseDigestCache({ db }: DatabaseContext, host: string): DigestCache {
  return {
    async getManifest(digest) {
      const row = await db
        .selectFrom('registry_manifest_cache')
        .select(['media_type', 'body'])
        .where('host', '=', host)
        .where('digest', '=', digest)
        .executeTakeFirst();
      if (!row) return undefined;
      const bytes = new Uint8Array(row.body);
      return { digest, mediaType: row.media_type, bytes, json: JSON.parse(new TextDecoder().decode(bytes)) };
    },
    async putManifest(digest, manifest) {
      await db
        .insertInto('registry_manifest_cache')
        .values({
          host,
          digest,
          media_type: manifest.mediaType,
          body: manifest.bytes,
          fetched_at: new Date().toISOString(),
        })
        .onConflict((conflict) => conflict.columns(['host', 'digest']).doNothing())
        .execute();
    },
    async getBlob(digest) {
      const row = await db
        .selectFrom('registry_blob_cache')
        .select(['body'])
        .where('host', '=', host)
        .where('digest', '=', digest)
        .executeTakeFirst();
      return row ? new Uint8Array(row.body) : undefined;
    },
    async putBlob(digest, bytes) {
      await db
        .insertInto('registry_blob_cache')
        .values({ host, digest, body: bytes, fetched_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.columns(['host', 'digest']).doNothing())
        .execute();
    },
  };
}
