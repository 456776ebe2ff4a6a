import type { PluginDetail, RegistryState, VersionDetail, VersionSummary } from '../contract/catalog.ts';
import type { ImageDetails, Platform, ResolutionStatus } from '../contract/image.ts';
import type { ManifestFormat, ManifestWarning, NormalisedManifest } from '../contract/manifest.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { PluginVersionsTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { registryStateOf } from './registry-state.ts';

async function findPlugin({ db }: DatabaseContext, name: string) {
  const plugin = await db.selectFrom('plugins').selectAll().where('id', '=', name).executeTakeFirst();
  if (!plugin) throw new AppError('not-found', `No plugin named "${name}".`);
  return plugin;
}

/** Image details as stored for a version; the pull reference is pinned by digest so it names the exact image. */
export function imageDetailsOf(version: PluginVersionsTable): ImageDetails {
  const digest = version.current_digest ?? version.registered_digest ?? undefined;
  const isTag = !version.image_reference.startsWith('sha256:');
  const registryPrefix = version.image_registry === 'docker.io' ? '' : `${version.image_registry}/`;
  return {
    registry: version.image_registry,
    repository: version.image_repository,
    ...(isTag && version.image_reference ? { tag: version.image_reference } : {}),
    status: version.resolution_status as ResolutionStatus,
    ...(version.resolution_error ? { error: version.resolution_error } : {}),
    ...(version.registered_digest ? { registeredDigest: version.registered_digest } : {}),
    ...(version.current_digest ? { currentDigest: version.current_digest } : {}),
    tagMoved:
      version.registered_digest !== null &&
      version.current_digest !== null &&
      version.registered_digest !== version.current_digest,
    ...(version.media_type ? { mediaType: version.media_type } : {}),
    platforms: JSON.parse(version.platforms) as Platform[],
    ...(version.size !== null ? { size: Number(version.size) } : {}),
    ...(version.image_created ? { created: version.image_created } : {}),
    labels: JSON.parse(version.labels) as Record<string, string>,
    otherTags: JSON.parse(version.other_tags) as string[],
    ...(digest && version.image_repository
      ? { pullReference: `${registryPrefix}${version.image_repository}@${digest}` }
      : {}),
    ...(version.checked_at ? { checkedAt: version.checked_at } : {}),
  };
}

export async function getPluginDetail(context: DatabaseContext, name: string): Promise<PluginDetail> {
  const plugin = await findPlugin(context, name);
  const versions = await context.db
    .selectFrom('plugin_versions as v')
    .innerJoin('manifests as m', 'm.id', 'v.primary_manifest_id')
    .select([
      'v.id',
      'v.version',
      'v.container_id',
      'v.resolution_status',
      'v.registered_digest',
      'v.current_digest',
      'v.created_at',
      'm.format',
      'm.warning_count',
    ])
    .where('v.plugin_id', '=', name)
    .orderBy('v.sort_key', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();

  const summaries: VersionSummary[] = versions.map((version) => ({
    version: version.version,
    format: version.format as ManifestFormat,
    containerId: version.container_id,
    registryState: registryStateOf(
      version.resolution_status as ResolutionStatus,
      version.registered_digest,
      version.current_digest,
    ) as RegistryState,
    ...((version.current_digest ?? version.registered_digest)
      ? { digest: (version.current_digest ?? version.registered_digest) as string }
      : {}),
    warningCount: version.warning_count,
    importedAt: version.created_at,
    isLatest: version.id === plugin.latest_version_id,
  }));
  return {
    name: plugin.id,
    title: plugin.title,
    description: plugin.description,
    author: plugin.author,
    institution: plugin.institution,
    ...(plugin.repository ? { repository: plugin.repository } : {}),
    ...(plugin.website ? { website: plugin.website } : {}),
    ...(plugin.citation ? { citation: plugin.citation } : {}),
    latestVersion: plugin.latest_version,
    versions: summaries,
  };
}

export async function findVersion(context: DatabaseContext, name: string, version: string) {
  const plugin = await findPlugin(context, name);
  const row = await context.db
    .selectFrom('plugin_versions')
    .selectAll()
    .where('plugin_id', '=', name)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('not-found', `Plugin "${name}" has no version "${version}".`);
  return { plugin, version: row };
}

export async function getVersionDetail(
  context: DatabaseContext,
  name: string,
  versionName: string,
): Promise<VersionDetail> {
  const { plugin, version } = await findVersion(context, name, versionName);
  const manifests = await context.db
    .selectFrom('manifests')
    .selectAll()
    .where('version_id', '=', version.id)
    .orderBy('imported_at')
    .execute();
  const primary = manifests.find((manifest) => manifest.id === version.primary_manifest_id) ?? manifests[0];
  if (!primary) throw new AppError('not-found', `Plugin "${name}" version "${versionName}" has no manifest.`);
  const ordered = [primary, ...manifests.filter((manifest) => manifest !== primary)];
  return {
    plugin: plugin.id,
    version: version.version,
    isLatest: version.id === plugin.latest_version_id,
    manifest: JSON.parse(primary.normalised) as NormalisedManifest,
    warnings: JSON.parse(primary.warnings) as ManifestWarning[],
    sources: ordered.map((manifest) => ({
      format: manifest.format as ManifestFormat,
      source: manifest.source,
      sha256: manifest.sha256,
      warningCount: manifest.warning_count,
      importedAt: manifest.imported_at,
    })),
    image: imageDetailsOf(version),
  };
}

/** The primary manifest's original bytes and a content type that matches its format. */
export async function getRawManifest(context: DatabaseContext, name: string, versionName: string) {
  const { version } = await findVersion(context, name, versionName);
  const manifest = await context.db
    .selectFrom('manifests')
    .select(['raw', 'format', 'source'])
    .where('id', '=', version.primary_manifest_id)
    .executeTakeFirst();
  if (!manifest)
    throw new AppError('not-found', `Plugin "${name}" version "${versionName}" has no manifest.`);
  const contentType =
    manifest.format === 'ict' ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8';
  return { raw: manifest.raw, contentType, source: manifest.source };
}
