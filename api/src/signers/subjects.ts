import type { Platform } from '../contract/image.ts';
import type { PluginVersionsTable } from '../db/schema.ts';
import { isPlatformEntry } from '../registry/image-parts.ts';
import { isIndexMediaType } from '../registry/manifest-media.ts';
import { imageIndexSchema } from '../registry/manifest-schema.ts';
import type { RegistrySource } from '../registry/types.ts';
import type { SubjectPlatform, SyncSubject } from './store.ts';

export type SubjectVersion = Pick<
  PluginVersionsTable,
  'image_repository' | 'registered_digest' | 'current_digest' | 'platforms'
>;

export function platformLabel(platform: {
  os: string;
  architecture: string;
  variant?: string | undefined;
}): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** Platform manifests of an index, read through `source` (a cached one costs no request); none for a manifest. */
async function platformsOf(
  source: RegistrySource,
  repository: string,
  digest: string,
): Promise<SubjectPlatform[]> {
  const manifest = await source.getManifest(repository, digest);
  if (!isIndexMediaType(manifest.mediaType)) return [];
  const index = imageIndexSchema.safeParse(manifest.json);
  if (!index.success) return [];
  return index.data.manifests.filter(isPlatformEntry).map((entry) => ({
    digest: entry.digest,
    platform: entry.platform ? platformLabel(entry.platform) : 'unknown',
  }));
}

/**
 * The digests whose signatures a version shows: what its tag points to now and, when the tag moved,
 * the digest registered first, each with its platform manifests. Empty until the image is resolved.
 */
export async function subjectsOf(version: SubjectVersion, source: RegistrySource): Promise<SyncSubject[]> {
  const subjects: SyncSubject[] = [];
  if (version.current_digest !== null) {
    const platforms = (JSON.parse(version.platforms) as Platform[])
      .filter((platform) => platform.digest !== version.current_digest)
      .map((platform) => ({ digest: platform.digest, platform: platformLabel(platform) }));
    subjects.push({ digest: version.current_digest, role: 'current', platforms });
  }
  if (version.registered_digest !== null && version.registered_digest !== version.current_digest) {
    subjects.push({
      digest: version.registered_digest,
      role: 'registered',
      platforms: await platformsOf(source, version.image_repository, version.registered_digest),
    });
  }
  return subjects;
}

/** Checks whether two lookups covered the same digests, platforms included. */
export function sameSubjects(a: readonly SyncSubject[], b: readonly SyncSubject[]): boolean {
  const key = (subjects: readonly SyncSubject[]) =>
    JSON.stringify(
      subjects.map((subject) => [subject.digest, subject.role, subject.platforms.map((p) => p.digest)]),
    );
  return key(a) === key(b);
}
