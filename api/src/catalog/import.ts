import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ManifestImportOutcome } from '../contract/catalog.ts';
import type { ManifestFormat, ManifestWarning, NormalisedManifest } from '../contract/manifest.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { pluginKey } from '../manifests/plugin-key.ts';
import { parseImageReference } from '../registry/reference.ts';
import { changedFields, decideAdminImport, shownManifestOf, type StoredManifest } from './import-rule.ts';
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

export type ImportOutcome = ManifestImportOutcome;

/** The shown manifest before and after a change, for the change's audit entry. */
export interface ImportChange {
  /** Source of the manifest shown before; undefined for a new version. */
  beforeSource: string | undefined;
  before: NormalisedManifest | undefined;
  after: NormalisedManifest;
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

/**
 * Chooses the manifest shown for a version and moves the version's image to its containerId. The
 * preferred format wins, and within it the shown manifest stays shown. Editing that manifest renews its
 * import time, which must not hand the page to another file of the same version.
 */
async function choosePrimaryManifest(trx: Transaction<Database>, versionId: string, now: string) {
  const manifests = await trx
    .selectFrom('manifests')
    .select(['id', 'format', 'normalised', 'imported_at'])
    .where('version_id', '=', versionId)
    .execute();
  const version = await trx
    .selectFrom('plugin_versions')
    .select(['container_id', 'primary_manifest_id'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const preference = (format: string) => formatPreference[format as ManifestFormat];
  manifests.sort(
    (a, b) =>
      preference(a.format) - preference(b.format) ||
      Number(b.id === version.primary_manifest_id) - Number(a.id === version.primary_manifest_id) ||
      a.imported_at.localeCompare(b.imported_at),
  );
  const primary = manifests[0];
  if (!primary) return;
  const containerId = (JSON.parse(primary.normalised) as NormalisedManifest).containerId;
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

async function storedManifests(trx: Transaction<Database>, versionId: string): Promise<StoredManifest[]> {
  return trx
    .selectFrom('manifests')
    .select(['id', 'source', 'format', 'sha256', 'normalised', 'imported_at'])
    .where('version_id', '=', versionId)
    .orderBy('imported_at')
    .execute();
}

/**
 * Stores one parsed manifest: creates the plugin and version when new, replaces the manifest from the
 * same source when its bytes changed, and does nothing when they did not. Under the `admin` rule a
 * manifest for an existing version must also pass `decideAdminImport`, which throws a conflict for a
 * manifest that would change nothing visible. Runs in one transaction, so a failure leaves no
 * half-written plugin.
 */
export async function importParsedManifest(
  { db, engine }: DatabaseContext,
  input: ParsedManifestInput,
  options: {
    now?: Date;
    /** `folder` (default) keeps every file of the folder; `admin` applies the rule for uploads and URLs. */
    rule?: 'folder' | 'admin';
    /** Runs inside the import's transaction after a change, for example to write its audit entry. */
    onChanged?: (trx: Transaction<Database>, outcome: ImportOutcome, change: ImportChange) => Promise<void>;
  } = {},
): Promise<ImportOutcome> {
  const now = options.now ?? new Date();
  const ownKey = pluginKey(input.manifest);
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const timestamp = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const key = await choosePluginKey(trx, input, ownKey);
    const existing = await trx
      .selectFrom('plugin_versions')
      .select(['id', 'container_id', 'primary_manifest_id'])
      .where('plugin_id', '=', key)
      .where('version', '=', input.manifest.version)
      .executeTakeFirst();
    const stored = existing ? await storedManifests(trx, existing.id) : [];
    const shownBefore = stored.find((row) => row.id === existing?.primary_manifest_id) ?? stored[0];
    const base = { plugin: key, version: input.manifest.version, warnings: input.warnings, changed: [] };

    if (existing && shownBefore) {
      const sameSource = stored.find((row) => row.source === input.source);
      const decision =
        sameSource?.sha256 === sha256
          ? 'unchanged'
          : options.rule === 'admin'
            ? decideAdminImport({
                plugin: key,
                version: input.manifest.version,
                containerId: existing.container_id,
                stored,
                shown: shownBefore,
                incoming: { source: input.source, format: input.format, manifest: input.manifest, sha256 },
              })
            : 'store';
      if (decision === 'unchanged')
        return { status: 'unchanged', ...base, shown: shownManifestOf(shownBefore) };
    }

    await ensurePlugin(trx, key, input.manifest, timestamp);
    const version = await ensureVersion(trx, key, input.manifest, timestamp);
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

    const after = await storedManifests(trx, version.id);
    const { primary_manifest_id } = await trx
      .selectFrom('plugin_versions')
      .select('primary_manifest_id')
      .where('id', '=', version.id)
      .executeTakeFirstOrThrow();
    const shownAfter =
      after.find((manifest) => manifest.id === primary_manifest_id) ?? (after[0] as StoredManifest);
    const isShown = shownAfter.source === input.source;
    const before =
      shownBefore === undefined ? undefined : (JSON.parse(shownBefore.normalised) as NormalisedManifest);
    let status: ImportOutcome['status'] = 'created';
    if (existing) status = isShown ? 'updated' : 'added';
    const outcome: ImportOutcome = {
      ...base,
      status,
      shown: shownManifestOf(shownAfter),
      changed: existing && isShown ? changedFields(before, input.manifest) : [],
    };
    await options.onChanged?.(trx, outcome, {
      beforeSource: shownBefore?.source,
      before,
      after: input.manifest,
    });
    return outcome;
  });
}
