import { z } from 'zod';

export const platformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  /** Digest of the platform's image manifest. */
  digest: z.string(),
  size: z.number().int().nonnegative(),
});
export type Platform = z.infer<typeof platformSchema>;

/** Outcome of resolving a version's `containerId` in its registry. */
export const resolutionStatusSchema = z.enum([
  /** Resolved; `digest` is what the tag points to. */
  'resolved',
  /** Not yet looked up. */
  'pending',
  /** The containerId names a registry that the configuration does not list; never contacted. */
  'registry-not-configured',
  /** The registry returned 404: the repository or tag does not exist. */
  'not-found',
  /** The registry could not be reached, timed out, or returned an error. */
  'error',
]);
export type ResolutionStatus = z.infer<typeof resolutionStatusSchema>;

export const imageDetailsSchema = z.object({
  registry: z.string(),
  repository: z.string(),
  tag: z.string().optional(),
  status: resolutionStatusSchema,
  /** Message for `error` and `not-found`, naming the registry. */
  error: z.string().optional(),
  /** Digest recorded when the version was registered. */
  registeredDigest: z.string().optional(),
  /** Digest the tag points to now (the index digest for multi-platform images). */
  currentDigest: z.string().optional(),
  /** True when the tag now resolves to a digest other than the registered one. */
  tagMoved: z.boolean(),
  mediaType: z.string().optional(),
  platforms: z.array(platformSchema),
  /** Compressed size in bytes: config and layers of one platform, or of all platforms for an index. */
  size: z.number().int().nonnegative().optional(),
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  /** Other tags of the repository, newest page first, bounded. */
  otherTags: z.array(z.string()),
  /** Image reference pinned by digest, for example `ghcr.io/org/repo@sha256:...` (Docker Hub images without the host). */
  pullReference: z.string().optional(),
  checkedAt: z.string().optional(),
});
export type ImageDetails = z.infer<typeof imageDetailsSchema>;
