import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importManifestFolder } from '../../src/catalog/folder-import.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { fixtureManifestDir } from '../support/assay.ts';

const logger = pino({ level: 'silent' });

describe.each(engineCases)('manifest folder import on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let folder: string;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    handle = await openDatabase(database.target);
    folder = mkdtempSync(path.join(tmpdir(), 'assay-manifests-'));
    cpSync(fixtureManifestDir, folder, { recursive: true });
  });

  afterAll(async () => {
    if (unavailable) return;
    await handle.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(unavailable)('imports every fixture manifest', async () => {
    const report = await importManifestFolder(handle, folder, logger);

    expect(report.rejected).toEqual([]);
    expect(report.created + report.updated + report.added).toBe(105);
    const manifests = await handle.db
      .selectFrom('manifests')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(manifests.count)).toBe(105);
    // The first manifest of a version counts as created. A later file of that version counts as updated
    // when the page shows it instead (a WIPP manifest after its ICT companion), and as added otherwise.
    const versions = await handle.db
      .selectFrom('plugin_versions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(report.created).toBe(Number(versions.count));
  });

  it.skipIf(unavailable)('merges ICT companions into their WIPP plugin version', async () => {
    const version = await handle.db
      .selectFrom('plugin_versions')
      .select(['id', 'plugin_id'])
      .where('container_id', '=', 'polusai/nyxus-tool:0.1.9-dev0')
      .execute();
    expect(version).toHaveLength(1);
    const formats = await handle.db
      .selectFrom('manifests')
      .select('format')
      .where('version_id', '=', version[0]!.id)
      .execute();
    expect(formats.map((row) => row.format).sort()).toEqual(['ict', 'wipp-polus']);
  });

  it.skipIf(unavailable)('keeps plugins that share one image apart', async () => {
    const plugins = await handle.db
      .selectFrom('plugin_versions')
      .select('plugin_id')
      .where('container_id', '=', 'labshare/polus-notebook-plugin:0.3.2')
      .execute();
    expect(new Set(plugins.map((row) => row.plugin_id)).size).toBe(2);
  });

  it.skipIf(unavailable)('reports an unchanged folder as unchanged', async () => {
    const report = await importManifestFolder(handle, folder, logger);

    expect(report.created).toBe(0);
    expect(report.updated).toBe(0);
    expect(report.unchanged).toBe(105);
  });

  it.skipIf(unavailable)('updates a manifest whose bytes changed', async () => {
    const file = path.join(folder, 'PolusAI__image-tools__features__nyxus-tool__plugin.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
    manifest.description = 'Extracts Nyxus features; description edited by the test';
    writeFileSync(file, JSON.stringify(manifest, null, 2));

    const report = await importManifestFolder(handle, folder, logger);

    expect(report.updated).toBe(1);
    const plugin = await handle.db
      .selectFrom('plugins')
      .select('description')
      .where('id', '=', 'nyxus-tool')
      .executeTakeFirstOrThrow();
    expect(plugin.description).toBe('Extracts Nyxus features; description edited by the test');
  });

  it.skipIf(unavailable)('keeps showing a shown manifest after its file changes', async () => {
    // Four files describe basic-flatfield-correction-plugin 1.2.7; the first imported (b2.json) is shown.
    const shownSource = async () => {
      const row = await handle.db
        .selectFrom('plugin_versions as v')
        .innerJoin('manifests as m', 'm.id', 'v.primary_manifest_id')
        .select('m.source')
        .where('v.plugin_id', '=', 'basic-flatfield-correction-plugin')
        .where('v.version', '=', '1.2.7')
        .executeTakeFirstOrThrow();
      return row.source;
    };
    expect(await shownSource()).toBe('PolusAI__tools__tests__plugins__resources__b2.json');
    const file = path.join(folder, 'PolusAI__tools__tests__plugins__resources__b2.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
    manifest.description = 'Corrects flatfield; description edited by the test';
    writeFileSync(file, JSON.stringify(manifest, null, 2));

    const report = await importManifestFolder(handle, folder, logger);

    expect(report.updated).toBe(1);
    expect(await shownSource()).toBe('PolusAI__tools__tests__plugins__resources__b2.json');
  });

  it.skipIf(unavailable)('rejects a broken file and still imports the others', async () => {
    writeFileSync(path.join(folder, 'broken__plugin.json'), '{"name": "Broken", "version": ');

    const report = await importManifestFolder(handle, folder, logger);

    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.file).toBe('broken__plugin.json');
    expect(report.rejected[0]!.errors[0]!.problem).toMatch(/JSON/i);
    expect(report.unchanged).toBe(105);
  });
});
