import type { Platform } from '../contract/image.ts';
import { isDigest } from './digest.ts';
import type { DigestCache } from './digest-cache.ts';
import {
  compressedSize,
  configLabels,
  hasImageConfig,
  isPlatformEntry,
  parseImageConfig,
  primaryPlatform,
  selectOtherTags,
} from './image-parts.ts';
import { isIndexMediaType } from './manifest-media.ts';
import {
  imageIndexSchema,
  imageManifestSchema,
  parseRegistryJson,
  type ImageConfig,
  type ImageManifest,
} from './manifest-schema.ts';
import {
  RegistryError,
  type Descriptor,
  type FetchedManifest,
  type RegistrySource,
  type TagList,
} from './types.ts';

export interface InspectOptions {
  /** Digest-addressed manifests and blobs already fetched; new ones are stored in it. */
  cache?: DigestCache;
  signal?: AbortSignal;
  /** A tag listing of the repository to reuse, or `false` to skip other tags; by default one is fetched. */
  tags?: TagList | false;
  /** Bound on `otherTags` (default 50). */
  maxOtherTags?: number;
}

/** Registry facts about one image: the fields of ImageDetails that come from the registry. */
export interface ImageInspection {
  /** Digest the reference points to: the index digest for a multi-platform image. */
  digest: string;
  mediaType: string;
  /** Runnable platforms; `size` of each is the compressed size of its config and layers. */
  platforms: Platform[];
  /** Compressed size: config and layers of the image, or the sum over the platforms of an index. */
  size: number;
  created?: string;
  labels: Record<string, string>;
  otherTags: string[];
  /** True when the tag listing was cut off by its page bound. */
  otherTagsTruncated: boolean;
  /** Error message of a failed tag listing. The inspection itself still succeeded. */
  otherTagsError?: string;
  /** `host/repository@digest`, for pulling exactly this image. */
  pullReference: string;
}

const defaultMaxOtherTags = 50;

interface Fetcher {
  manifest(reference: string | Descriptor): Promise<FetchedManifest>;
  blob(descriptor: Descriptor): Promise<Uint8Array>;
}

/** Fetches through the cache: content by digest is taken from it when present and stored in it otherwise. */
function cachedFetcher(source: RegistrySource, repository: string, options: InspectOptions): Fetcher {
  const { cache, signal } = options;
  return {
    async manifest(reference) {
      // Only digest-addressed content is cached: what a tag points to can change.
      const digest = typeof reference === 'string' ? reference : reference.digest;
      const cached = isDigest(digest) ? await cache?.getManifest(digest) : undefined;
      if (cached !== undefined) return cached;

      const fetched = await source.getManifest(repository, reference, signal);
      await cache?.putManifest(fetched.digest, fetched);
      return fetched;
    },
    async blob(descriptor) {
      const cached = await cache?.getBlob(descriptor.digest);
      if (cached !== undefined) return cached;

      const bytes = await source.getBlob(repository, descriptor, signal);
      await cache?.putBlob(descriptor.digest, bytes);
      return bytes;
    },
  };
}

/**
 * Fetches the manifest a reference points to. With a cache, a tag is resolved by HEAD first, so a
 * digest seen before costs no manifest download. Without a cache, one GET by tag is cheaper.
 */
async function fetchTopManifest(
  source: RegistrySource,
  repository: string,
  reference: string,
  fetcher: Fetcher,
  options: InspectOptions,
): Promise<FetchedManifest> {
  if (isDigest(reference) || options.cache === undefined) return fetcher.manifest(reference);

  const head = await source.headManifest(repository, reference, options.signal);
  return fetcher.manifest({ mediaType: head.mediaType, digest: head.digest, size: head.size });
}

interface ConfigFacts {
  config?: ImageConfig;
  labels: Record<string, string>;
  created?: string | undefined;
}

async function readConfig(
  source: RegistrySource,
  fetcher: Fetcher,
  repository: string,
  manifest: ImageManifest,
): Promise<ConfigFacts> {
  if (!hasImageConfig(manifest)) return { labels: {} };
  const description = `image config ${repository}@${manifest.config.digest}`;
  const config = parseImageConfig(source.host, await fetcher.blob(manifest.config), description);
  return { config, labels: configLabels(config), created: config.created };
}

async function listOtherTags(
  source: RegistrySource,
  repository: string,
  reference: string,
  options: InspectOptions,
) {
  if (options.tags === false) return { otherTags: [], otherTagsTruncated: false };
  const max = options.maxOtherTags ?? defaultMaxOtherTags;
  const current = isDigest(reference) ? undefined : reference;

  try {
    const listing = options.tags ?? (await source.listTags(repository, options.signal));
    return { otherTags: selectOtherTags(listing.tags, current, max), otherTagsTruncated: listing.truncated };
  } catch (error) {
    // The image is known even when its sibling tags are not; report the listing failure beside it.
    if (!(error instanceof RegistryError)) throw error;
    return { otherTags: [], otherTagsTruncated: false, otherTagsError: error.message };
  }
}

interface ImageShape {
  platforms: Platform[];
  size: number;
  /** The manifest whose config gives created time and labels. */
  primary: ImageManifest | undefined;
}

async function shapeOfIndex(
  source: RegistrySource,
  fetcher: Fetcher,
  repository: string,
  top: FetchedManifest,
): Promise<ImageShape> {
  const index = parseRegistryJson(
    source.host,
    imageIndexSchema,
    top.json,
    `manifest ${repository}@${top.digest}`,
  );
  const images: { entry: Descriptor; manifest: ImageManifest }[] = [];
  for (const entry of index.manifests.filter(isPlatformEntry)) {
    const fetched = await fetcher.manifest(entry);
    const manifest = parseRegistryJson(
      source.host,
      imageManifestSchema,
      fetched.json,
      `manifest ${repository}@${entry.digest}`,
    );
    images.push({ entry, manifest });
  }

  const platforms = images.map(({ entry, manifest }) => ({
    os: entry.platform?.os ?? 'unknown',
    architecture: entry.platform?.architecture ?? 'unknown',
    ...(entry.platform?.variant === undefined ? {} : { variant: entry.platform.variant }),
    digest: entry.digest,
    size: compressedSize(manifest),
  }));
  const primary = primaryPlatform(images.map((image) => ({ ...image.entry, manifest: image.manifest })));
  return {
    platforms,
    size: platforms.reduce((total, platform) => total + platform.size, 0),
    primary: primary?.manifest,
  };
}

/** Builds the platform entry of a single-platform image from its config. */
function platformFromConfig(config: ImageConfig | undefined, digest: string, size: number): Platform[] {
  if (config?.os === undefined || config.architecture === undefined) return [];
  const platform: Platform = { os: config.os, architecture: config.architecture, digest, size };
  if (config.variant !== undefined) platform.variant = config.variant;
  return [platform];
}

/**
 * Reads what a tag or digest points to: digest, media type, platforms, compressed size, created time,
 * labels and other tags. Requests: the manifest (HEAD, then GET by digest, for a tag when a cache is
 * given), each platform manifest of an index, one config blob, and the tag listing, each skipped when
 * the cache or `options.tags` already has it. Layers are never downloaded.
 */
export async function inspectImage(
  source: RegistrySource,
  repository: string,
  reference: string,
  options: InspectOptions = {},
): Promise<ImageInspection> {
  const fetcher = cachedFetcher(source, repository, options);
  const top = await fetchTopManifest(source, repository, reference, fetcher, options);
  const isIndex = isIndexMediaType(top.mediaType);

  let shape: ImageShape;
  if (isIndex) {
    shape = await shapeOfIndex(source, fetcher, repository, top);
  } else {
    const manifest = parseRegistryJson(
      source.host,
      imageManifestSchema,
      top.json,
      `manifest ${repository}@${top.digest}`,
    );
    shape = { platforms: [], size: compressedSize(manifest), primary: manifest };
  }

  const noConfig: ConfigFacts = { labels: {} };
  const [config, tags] = await Promise.all([
    shape.primary === undefined ? noConfig : readConfig(source, fetcher, repository, shape.primary),
    listOtherTags(source, repository, reference, options),
  ]);

  const inspection: ImageInspection = {
    digest: top.digest,
    mediaType: top.mediaType,
    platforms: isIndex ? shape.platforms : platformFromConfig(config.config, top.digest, shape.size),
    size: shape.size,
    labels: config.labels,
    ...tags,
    pullReference: `${source.host}/${repository}@${top.digest}`,
  };
  if (config.created !== undefined) inspection.created = config.created;
  return inspection;
}
