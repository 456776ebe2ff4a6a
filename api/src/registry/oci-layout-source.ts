import { isDigest } from './digest.ts';
import { readLayoutBlob, statLayoutBlob } from './oci-layout-blobs.ts';
import { loadLayoutIndex, type LayoutIndex } from './oci-layout-index.ts';
import { readLayoutManifest } from './oci-layout-manifests.ts';
import { collectLayoutReferrers, type LayoutReferrer } from './oci-layout-referrers.ts';
import { assertManifestReference, assertRepository, ImageReferenceError } from './reference.ts';
import { boundReferrers, referrersFromIndex, referrersTagFor } from './referrers.ts';
import {
  RegistryError,
  type Descriptor,
  type FetchedManifest,
  type ManifestReference,
  type RegistrySource,
} from './types.ts';

const mebibyte = 1024 * 1024;

export interface OciLayoutLimits {
  maxManifestBytes: number;
  maxBlobBytes: number;
  maxReferrers: number;
}

export interface OciLayoutSourceOptions {
  /** Host that image references use for this layout, for example `demo.assay.local`. */
  host: string;
  /** Folder holding `oci-layout`, `index.json` and `blobs/`. */
  dir: string;
  /** Bounds as for the HTTP source; omitted ones default to 4 MiB, 16 MiB and 100. */
  limits?: Partial<OciLayoutLimits>;
}

const defaultLimits: OciLayoutLimits = {
  maxManifestBytes: 4 * mebibyte,
  maxBlobBytes: 16 * mebibyte,
  maxReferrers: 100,
};

function assertDigest(digest: string): void {
  if (!isDigest(digest))
    throw new ImageReferenceError(`invalid digest "${digest}": expected sha256:<64 hex digits>.`);
}

/**
 * Creates a read-only RegistrySource over an OCI image layout folder (as `skopeo copy oci:DIR:tag`
 * writes it). Each index.json entry names its repository in the `io.assay.repository` annotation and
 * its tag in `org.opencontainers.image.ref.name`. Referrers are the index.json entries whose manifest
 * has a `subject`, plus the `sha256-<hex>` referrers tag; cosign's `sha256-<hex>.sig` tags are plain
 * tags, read with getManifest. index.json is read once, on first use: a rewritten layout needs a new source.
 */
export function createOciLayoutSource(options: OciLayoutSourceOptions): RegistrySource {
  const { host, dir } = options;
  const limits: OciLayoutLimits = { ...defaultLimits, ...options.limits };
  let loading: Promise<LayoutIndex> | undefined;
  let referrersBySubject: Promise<Map<string, LayoutReferrer[]>> | undefined;

  function layoutIndex(): Promise<LayoutIndex> {
    // A failed read is not kept, so a layout written after start is found on the next call.
    loading ??= loadLayoutIndex(host, dir).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  async function repositoryTags(repository: string): Promise<Map<string, Descriptor>> {
    assertRepository(repository);
    const tags = (await layoutIndex()).tags.get(repository);
    if (tags === undefined)
      throw new RegistryError('not-found', host, `OCI layout ${host} has no repository ${repository}.`);
    return tags;
  }

  async function getManifest(repository: string, reference: ManifestReference): Promise<FetchedManifest> {
    const ref = typeof reference === 'string' ? reference : reference.digest;
    assertManifestReference(ref);
    const tags = await repositoryTags(repository);
    const description = isDigest(ref) ? `manifest ${repository}@${ref}` : `manifest ${repository}:${ref}`;

    const tagged = isDigest(ref) ? undefined : tags.get(ref);
    if (!isDigest(ref) && tagged === undefined)
      throw new RegistryError('not-found', host, `OCI layout ${host} has no ${description}.`);

    // NOTE: blobs are shared by all repositories of a layout, so a digest reference is found in any of
    // them; a registry would return 404 for a manifest not pushed to that repository.
    return readLayoutManifest({
      host,
      dir,
      maxManifestBytes: limits.maxManifestBytes,
      digest: tagged?.digest ?? ref,
      expectedSize: typeof reference === 'string' ? tagged?.size : reference.size,
      mediaType: tagged?.mediaType,
      description,
    });
  }

  async function loadReferrers(): Promise<Map<string, LayoutReferrer[]>> {
    const { entries } = await layoutIndex();
    return collectLayoutReferrers(entries, (entry) =>
      readLayoutManifest({
        host,
        dir,
        maxManifestBytes: limits.maxManifestBytes,
        digest: entry.digest,
        expectedSize: entry.size,
        mediaType: entry.mediaType,
        description: `manifest @${entry.digest} listed in index.json`,
      }).catch(() => undefined),
    );
  }

  return {
    host,
    kind: 'oci-layout',

    async ping() {
      await layoutIndex();
    },

    async listTags(repository) {
      const tags = await repositoryTags(repository);
      return { tags: [...tags.keys()].sort(), truncated: false };
    },

    async headManifest(repository, reference) {
      assertManifestReference(reference);
      const tagged = isDigest(reference) ? undefined : (await repositoryTags(repository)).get(reference);
      if (tagged === undefined) {
        const manifest = await getManifest(repository, reference);
        return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.byteLength };
      }
      await statLayoutBlob(host, dir, tagged.digest, `manifest ${repository}:${reference}`);
      return { digest: tagged.digest, mediaType: tagged.mediaType, size: tagged.size };
    },

    getManifest,

    async getBlob(repository, descriptor) {
      await repositoryTags(repository);
      assertDigest(descriptor.digest);
      return readLayoutBlob(host, dir, descriptor.digest, {
        description: `blob ${repository}@${descriptor.digest}`,
        limit: limits.maxBlobBytes,
        limitName: 'maxBlobBytes',
        expectedSize: descriptor.size,
      });
    },

    async listReferrers(repository, digest) {
      const tags = await repositoryTags(repository);
      assertDigest(digest);

      // NOTE: unreadable index.json entries are left out here, so one broken referrer cannot hide the others.
      referrersBySubject ??= loadReferrers();
      const fromSubjects = ((await referrersBySubject).get(digest) ?? [])
        .filter((referrer) => referrer.repository === undefined || referrer.repository === repository)
        .map((referrer) => referrer.descriptor);

      const tagEntry = tags.get(referrersTagFor(digest));
      const fromTag =
        tagEntry === undefined
          ? []
          : referrersFromIndex(
              host,
              (await getManifest(repository, tagEntry)).json,
              `the referrers tag index of ${repository}@${digest}`,
            );
      return boundReferrers([...fromSubjects, ...fromTag], limits.maxReferrers);
    },
  };
}
