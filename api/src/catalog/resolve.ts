import type { Logger } from 'pino';
import type { DatabaseContext } from '../db/engine.ts';
import type { PluginVersionsTable } from '../db/schema.ts';
import type { RegistryDirectory } from '../registry/directory.ts';
import { inspectImage } from '../registry/inspect.ts';
import { RegistryError, type RegistrySource } from '../registry/types.ts';
import { createDatabaseDigestCache } from './digest-cache.ts';
import { refreshPluginSummary } from './summary.ts';

export interface ResolverDeps {
  context: DatabaseContext;
  directory: RegistryDirectory;
  logger: Logger;
  /** How long a tag's digest is trusted before the registry is asked again. */
  tagTtlMs: number;
  now?: () => Date;
}

export type ResolveOutcome = 'resolved' | 'unchanged' | 'failed' | 'skipped';

export interface ResolveResult {
  outcome: ResolveOutcome;
  /** The registry failure behind a `failed` outcome; absent when the registry is not configured. */
  error?: RegistryError;
}

type VersionRow = PluginVersionsTable;

/** Returns the digest a tag points to, from the tag cache while it is fresh, else with one HEAD request. */
async function digestForTag(
  deps: ResolverDeps,
  source: RegistrySource,
  version: VersionRow,
  force: boolean,
  now: Date,
) {
  const { db } = deps.context;
  const cached = await db
    .selectFrom('tag_cache')
    .select(['digest', 'checked_at'])
    .where('host', '=', source.host)
    .where('repository', '=', version.image_repository)
    .where('tag', '=', version.image_reference)
    .executeTakeFirst();
  if (!force && cached && now.getTime() - Date.parse(cached.checked_at) < deps.tagTtlMs) return cached.digest;

  const head = await source.headManifest(version.image_repository, version.image_reference);
  const row = {
    host: source.host,
    repository: version.image_repository,
    tag: version.image_reference,
    digest: head.digest,
    media_type: head.mediaType,
    checked_at: now.toISOString(),
  };
  await db
    .insertInto('tag_cache')
    .values(row)
    .onConflict((conflict) => conflict.columns(['host', 'repository', 'tag']).doUpdateSet(row))
    .execute();
  return head.digest;
}

async function saveFailure(
  deps: ResolverDeps,
  version: VersionRow,
  status: string,
  message: string,
  now: Date,
) {
  // The last known digest and image details stay, so a registry outage does not blank the page.
  await deps.context.db
    .updateTable('plugin_versions')
    .set({
      resolution_status: status,
      resolution_error: message,
      checked_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', version.id)
    .execute();
}

/**
 * Resolves one version's image: finds what its tag points to now, inspects the image when that digest
 * is new, and records "tag moved" by keeping the digest first seen. A digest seen before costs no
 * manifest or blob request; a fresh tag-cache entry costs no request at all.
 */
export async function resolveVersion(
  deps: ResolverDeps,
  version: VersionRow,
  options: { force: boolean },
): Promise<ResolveResult> {
  const now = (deps.now ?? (() => new Date()))();
  if (version.image_registry === '') return { outcome: 'skipped' };
  const source = deps.directory.find(version.image_registry);
  if (!source) {
    if (version.resolution_status === 'registry-not-configured') return { outcome: 'unchanged' };
    await saveFailure(
      deps,
      version,
      'registry-not-configured',
      `Registry ${version.image_registry} is not configured in Assay, so it is never contacted.`,
      now,
    );
    return { outcome: 'failed' };
  }

  try {
    const isDigest = version.image_reference.startsWith('sha256:');
    const digest = isDigest
      ? version.image_reference
      : await digestForTag(deps, source, version, options.force, now);
    if (digest === version.current_digest && version.resolution_status === 'resolved' && !options.force) {
      await deps.context.db
        .updateTable('plugin_versions')
        .set({ checked_at: now.toISOString() })
        .where('id', '=', version.id)
        .execute();
      return { outcome: 'unchanged' };
    }

    const cache = createDatabaseDigestCache(deps.context, source.host);
    const details = await inspectImage(source, version.image_repository, digest, { cache });
    const otherTags = details.otherTags.filter((tag) => tag !== version.image_reference);
    await deps.context.db
      .updateTable('plugin_versions')
      .set({
        registered_digest: version.registered_digest ?? details.digest,
        current_digest: details.digest,
        resolution_status: 'resolved',
        resolution_error: null,
        media_type: details.mediaType,
        platforms: JSON.stringify(details.platforms),
        size: details.size ?? null,
        image_created: details.created ?? null,
        labels: JSON.stringify(details.labels),
        other_tags: JSON.stringify(otherTags),
        checked_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where('id', '=', version.id)
      .execute();
    if (version.registered_digest && version.registered_digest !== details.digest) {
      deps.logger.warn(
        {
          registry: source.host,
          repository: version.image_repository,
          tag: version.image_reference,
          registered: version.registered_digest,
          current: details.digest,
        },
        'tag moved',
      );
    }
    return { outcome: 'resolved' };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    // Logged once per refresh by refreshAllVersions, grouped by registry, so an outage is not one line per version.
    deps.logger.debug(
      {
        registry: source.host,
        repository: version.image_repository,
        reference: version.image_reference,
        kind: error.kind,
      },
      `image resolution failed: ${error.message}`,
    );
    await saveFailure(deps, version, error.kind === 'not-found' ? 'not-found' : 'error', error.message, now);
    return { outcome: 'failed', error };
  }
}

/** Resolves every version, a few at a time; one failing image never stops the others. */
export async function refreshAllVersions(
  deps: ResolverDeps,
  options: { force: boolean; concurrency?: number },
) {
  const versions = await deps.context.db.selectFrom('plugin_versions').selectAll().orderBy('id').execute();
  const counts = { resolved: 0, unchanged: 0, failed: 0, skipped: 0 };
  const touchedPlugins = new Set<string>();
  const failedByRegistry = new Map<string, number>();
  let next = 0;

  async function worker() {
    while (next < versions.length) {
      const version = versions[next++] as VersionRow;
      const { outcome } = await resolveVersion(deps, version, options);
      counts[outcome] += 1;
      if (outcome !== 'unchanged' && outcome !== 'skipped') touchedPlugins.add(version.plugin_id);
      if (outcome === 'failed') {
        failedByRegistry.set(version.image_registry, (failedByRegistry.get(version.image_registry) ?? 0) + 1);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));

  const now = (deps.now ?? (() => new Date()))().toISOString();
  for (const plugin of touchedPlugins) {
    await deps.context.db
      .transaction()
      .execute((trx) => refreshPluginSummary(trx, deps.context.engine, plugin, now));
  }
  for (const [registry, failed] of failedByRegistry) {
    deps.logger.warn(
      { registry, failed },
      'image resolution failed for some versions; their pages show the error',
    );
  }
  return counts;
}
