import { sql, type Kysely } from 'kysely';
import type { NormalisedManifest } from '../contract/manifest.ts';
import type { Engine } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';
import { registryStateOf } from './registry-state.ts';
import type { ResolutionStatus } from '../contract/image.ts';

function distinctSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Recomputes a plugin's catalog row (title, types, registry state, search text) from its newest version,
 * so catalog queries read one row per plugin instead of joining manifests.
 */
export async function refreshPluginSummary(
  db: Kysely<Database>,
  engine: Engine,
  pluginId: string,
  now: string,
) {
  const versions = await db
    .selectFrom('plugin_versions as v')
    .innerJoin('manifests as m', 'm.id', 'v.primary_manifest_id')
    .select([
      'v.id',
      'v.version',
      'v.resolution_status',
      'v.registered_digest',
      'v.current_digest',
      'm.normalised',
    ])
    .where('v.plugin_id', '=', pluginId)
    .orderBy('v.sort_key', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();
  const latest = versions[0];
  if (!latest) return;

  const manifest = JSON.parse(latest.normalised) as NormalisedManifest;
  // "Updated" means a manifest of the plugin changed, not that a registry refresh touched the row.
  const lastImport = await db
    .selectFrom('manifests as m')
    .innerJoin('plugin_versions as v', 'v.id', 'm.version_id')
    .select((eb) => eb.fn.max('m.imported_at').as('imported_at'))
    .where('v.plugin_id', '=', pluginId)
    .executeTakeFirst();
  const searchText = [
    pluginId,
    manifest.name,
    manifest.title,
    manifest.description,
    manifest.author,
    manifest.institution,
  ].join(' ');
  await db
    .updateTable('plugins')
    .set({
      title: manifest.title,
      description: manifest.description,
      author: manifest.author,
      institution: manifest.institution,
      repository: manifest.repository ?? null,
      website: manifest.website ?? null,
      citation: manifest.citation ?? null,
      latest_version: latest.version,
      latest_version_id: latest.id,
      container_id: manifest.containerId,
      version_count: versions.length,
      input_types: JSON.stringify(distinctSorted(manifest.inputs.map((input) => input.type))),
      output_types: JSON.stringify(distinctSorted(manifest.outputs.map((output) => output.type))),
      registry_state: registryStateOf(
        latest.resolution_status as ResolutionStatus,
        latest.registered_digest,
        latest.current_digest,
      ),
      search_text: searchText,
      updated_at: lastImport?.imported_at ?? now,
    })
    .where('id', '=', pluginId)
    .execute();

  await db.deleteFrom('plugin_types').where('plugin_id', '=', pluginId).execute();
  const typeRows = [
    ...distinctSorted(manifest.inputs.map((input) => input.type)).map((type) => ({
      direction: 'input' as const,
      type,
    })),
    ...distinctSorted(manifest.outputs.map((output) => output.type)).map((type) => ({
      direction: 'output' as const,
      type,
    })),
  ].map((row) => ({ plugin_id: pluginId, ...row }));
  // Two instances may refresh one plugin at once; the rows are the same, so a conflict is harmless.
  if (typeRows.length > 0) {
    await db
      .insertInto('plugin_types')
      .values(typeRows)
      .onConflict((conflict) => conflict.columns(['plugin_id', 'direction', 'type']).doNothing())
      .execute();
  }

  if (engine === 'sqlite') {
    await sql`DELETE FROM plugin_search WHERE plugin_id = ${pluginId}`.execute(db);
    await sql`INSERT INTO plugin_search (plugin_id, search_text) VALUES (${pluginId}, ${searchText})`.execute(
      db,
    );
  }
}
