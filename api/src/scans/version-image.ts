import type { Platform } from '../contract/image.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { findVersion } from '../catalog/detail.ts';

/** The image of one plugin version, as the scan features need it. */
export interface VersionImage {
  pluginId: string;
  version: string;
  versionId: string;
  /**
   * The digest the version shows: the one recorded at registration, or the current one when the
   * version was never resolved before. Undefined while the image is unresolved.
   */
  digest: string | undefined;
  registry: string;
  repository: string;
  tag: string | undefined;
  mediaType: string | undefined;
  platforms: Platform[];
}

/** Looks a plugin version up by name and version; throws `not-found` naming what is missing. */
export async function findVersionImage(
  context: DatabaseContext,
  name: string,
  versionName: string,
): Promise<VersionImage> {
  const { version } = await findVersion(context, name, versionName);
  return {
    pluginId: version.plugin_id,
    version: version.version,
    versionId: version.id,
    digest: version.registered_digest ?? version.current_digest ?? undefined,
    registry: version.image_registry,
    repository: version.image_repository,
    tag: version.image_reference.startsWith('sha256:') ? undefined : version.image_reference || undefined,
    mediaType: version.media_type ?? undefined,
    platforms: JSON.parse(version.platforms) as Platform[],
  };
}
