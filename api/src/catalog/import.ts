import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ManifestFormat, ManifestWarning, NormalisedManifest } from '../contract/manifest.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { pluginKey } from '../manifests/plugin-key.ts';
import { parseImageReference } from '../registry/reference.ts';
import { refreshPluginSummary } from './summary.ts';
import { versionSortKey } from './version-order.ts';

export interface ParsedManifestInput {
  /** Origin of the manifest: a path below the manifest folder, `upload/<file name>`, or a URL. */
  source: string;
  raw: string;
  format: ManifestFormat;
  manifest: NormalisedManifest;
  warnings: ManifestWarning[];
}

export interface ImportOutcome {
  status: 'created' | 'updated' | 'unchanged';
  plugin: string;
  version: string;
  warnings: ManifestWarning[];
}

// WIPP manifests carry the UI form and exact types, so they are preferred over an ICT companion when
// both describe one version.
const formatPreference: Record<ManifestFormat, number> = { wipp: 0, 'wipp-polus': 0, 'wipp-dict': 1, ict: 2 };

interface ImageLocation {
  image_registry: string;
  image_repository: string;
  image_reference: string;
  resolution_status: string;
  resolution_error: string | null;
}

function locateImage(containerId: string): ImageLocation {
  try {
    const reference = parseImageReference(containerId);
    return {
      image_registry: reference.registry,
      image_repository: reference.repository,
      image_reference: reference.digest ?? reference.tag ?? 'latest',
      resolution_status: 'pending',
      resolution_error: null,
    };
  } catch (error) {
    return {
      image_registry: '',
      image_repository: '',
      image_reference: '',
      resolution_status: 'error',
      resolution_error: `containerId "${containerId}" is not a valid image reference: ${(error as Error).message}`,
    };
  }
}

// Inserts use ON CONFLICT DO NOTHING because several API instances may import the same folder at once.
// The instance that loses the race then reads the winner's row.
async function ensurePlugin(
  trx: Transaction<Database>,
  key: string,
  manifest: NormalisedManifest,
  now: string,
) {
  await trx
    .insertInto('plugins')
    .values({
      id: key,
      title: manifest.title,
      description: manifest.description,
      author: manifest.author,
      institution: manifest.institution,
      repository: null,
      website: null,
      citation: null,
      latest_version: manifest.version,
      latest_version_id: '',
      container_id: manifest.containerId,
      version_count: 0,
      input_types: '[]',
      output_types: '[]',
      registry_state: 'pending',
      search_text: '',
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

async function ensureVersion(
  trx: Transaction<Database>,
  key: string,
  manifest: NormalisedManifest,
  now: string,
) {
  await trx
    .insertInto('plugin_versions')
    .values({
      id: randomUUID(),
      plugin_id: key,
      version: manifest.version,
      sort_key: versionSortKey(manifest.version),
      primary_manifest_id: null,
      container_id: manifest.containerId,
      ...locateImage(manifest.containerId),
      registered_digest: null,
      current_digest: null,
      media_type: null,
      platforms: '[]',
      size: null,
      image_created: null,
      labels: '{}',
      other_tags: '[]',
      checked_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.columns(['plugin_id', 'version']).doNothing())
    .execute();
  return trx
    .selectFrom('plugin_versions')
    .select(['id'])
    .where('plugin_id', '=', key)
    .where('version', '=', manifest.version)
    .executeTakeFirstOrThrow();
}

/** Chooses the manifest shown for a version and moves the version's image to its containerId. */
async function choosePrimaryManifest(trx: Transaction<Database>, versionId: string, now: string) {
  const manifests = await trx
    .selectFrom('manifests')
    .select(['id', 'format', 'normalised', 'imported_at'])
    .where('version_id', '=', versionId)
    .execute();
  manifests.sort(
    (a, b) =>
      formatPreference[a.format as ManifestFormat] - formatPreference[b.format as ManifestFormat] ||
      a.imported_at.localeCompare(b.imported_at),
  );
  const primary = manifests[0];
  if (!primary) return;
  const containerId = (JSON.parse(primary.normalised) as NormalisedManifest).containerId;
  const version = await trx
    .selectFrom('plugin_versions')
    .select(['container_id'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const imageChanged = version.container_id !== containerId;
  await trx
    .updateTable('plugin_versions')
    .set({
      primary_manifest_id: primary.id,
      updated_at: now,
      // A different containerId is a different image: forget what the old one resolved to.
      ...(imageChanged
        ? {
            container_id: containerId,
            ...locateImage(containerId),
            registered_digest: null,
            current_digest: null,
          }
        : {}),
    })
    .where('id', '=', versionId)
    .execute();
}

/**
 * Finds the plugin of an ICT manifest's WIPP companion (or the other way round) when their names do not
 * give the same key: both describe one image and version. Plain WIPP manifests never merge this way,
 * because real ones share an image between different plugins (two notebook executors of one image).
 */
async function findCompanionPlugin(
  trx: Transaction<Database>,
  input: ParsedManifestInput,
): Promise<string | undefined> {
  const candidates = await trx
    .selectFrom('plugin_versions as v')
    .innerJoin('manifests as m', 'm.version_id', 'v.id')
    .select(['v.plugin_id', 'm.format'])
    .where('v.container_id', '=', input.manifest.containerId)
    .where('v.version', '=', input.manifest.version)
    .execute();
  const isIct = input.format === 'ict';
  const byPlugin = Map.groupBy(candidates, (candidate) => candidate.plugin_id);
  for (const [plugin, manifests] of byPlugin) {
    const hasIct = manifests.some((manifest) => manifest.format === 'ict');
    const hasWipp = manifests.some((manifest) => manifest.format !== 'ict');
    if ((isIct && hasWipp && !hasIct) || (!isIct && hasIct && !hasWipp)) return plugin;
  }
  return undefined;
}

/** Chooses the plugin a manifest belongs to: its own key, the plugin it was imported into before, or its companion's. */
async function choosePluginKey(
  trx: Transaction<Database>,
  input: ParsedManifestInput,
  ownKey: string,
): Promise<string> {
  const own = await trx.selectFrom('plugins').select('id').where('id', '=', ownKey).executeTakeFirst();
  if (own) return ownKey;
  const previous = await trx
    .selectFrom('manifests as m')
    .innerJoin('plugin_versions as v', 'v.id', 'm.version_id')
    .select('v.plugin_id')
    .where('m.source', '=', input.source)
    .where('v.version', '=', input.manifest.version)
    // Only the same image is the same plugin: another manifest under a reused file name is not.
    .where('v.container_id', '=', input.manifest.containerId)
    .executeTakeFirst();
  if (previous) return previous.plugin_id;
  return (await findCompanionPlugin(trx, input)) ?? ownKey;
}

/**
 * Stores one parsed manifest: creates the plugin and version when new, replaces the manifest from the
 * same source when its bytes changed, and does nothing when they did not. Runs in one transaction, so a
 * failure leaves no half-written plugin.
 */
export async function importParsedManifest(
  { db, engine }: DatabaseContext,
  input: ParsedManifestInput,
  options: {
    now?: Date;
    /** Runs inside the import's transaction after a change, for example to write its audit entry. */
    onChanged?: (trx: Transaction<Database>, outcome: ImportOutcome) => Promise<void>;
  } = {},
): Promise<ImportOutcome> {
  const now = options.now ?? new Date();
  const ownKey = pluginKey(input.manifest);
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const timestamp = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const key = await choosePluginKey(trx, input, ownKey);
    await ensurePlugin(trx, key, input.manifest, timestamp);
    const version = await ensureVersion(trx, key, input.manifest, timestamp);
    const existing = await trx
      .selectFrom('manifests')
      .select(['id', 'sha256'])
      .where('version_id', '=', version.id)
      .where('source', '=', input.source)
      .executeTakeFirst();
    const outcome = { plugin: key, version: input.manifest.version, warnings: input.warnings };
    if (existing?.sha256 === sha256) return { status: 'unchanged', ...outcome };

    const row = {
      format: input.format,
      sha256,
      raw: input.raw,
      normalised: JSON.stringify(input.manifest),
      warnings: JSON.stringify(input.warnings),
      warning_count: input.warnings.length,
      imported_at: timestamp,
    };
    await trx
      .insertInto('manifests')
      .values({ id: randomUUID(), version_id: version.id, source: input.source, ...row })
      .onConflict((conflict) => conflict.columns(['version_id', 'source']).doUpdateSet(row))
      .execute();
    await choosePrimaryManifest(trx, version.id, timestamp);
    await refreshPluginSummary(trx, engine, key, timestamp);
    const changed: ImportOutcome = { status: existing ? 'updated' : 'created', ...outcome };
    await options.onChanged?.(trx, changed);
    return changed;
  });
}
