import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ManifestImportConflict,
  ManifestImportOutcome,
  VersionDetail,
} from '../../src/contract/catalog.ts';
import type { ErrorBody } from '../../src/contract/errors.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const folderFile = 'PolusAI__image-tools__features__nyxus-tool__plugin.json';
const nyxusBytes = readFileSync(path.join(fixtureManifestDir, folderFile));
const nyxus = JSON.parse(nyxusBytes.toString('utf8')) as Record<string, unknown>;

function manifestBytes(changes: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ ...nyxus, ...changes }, null, 2));
}

describe.each(engineCases)(
  'importing a manifest for an existing version on $engine',
  ({ unavailable, create }) => {
    let database: TestDatabase;
    let manifestDir: string;
    let assay: TestAssay;
    let admin: TestSession;

    beforeAll(async () => {
      if (unavailable) return;
      manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-reimport-'));
      copyFileSync(path.join(fixtureManifestDir, folderFile), path.join(manifestDir, folderFile));
      database = await create();
      assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_DIR: manifestDir } });
      admin = await createUserAndSignIn(assay, 'admin');
    });

    afterAll(async () => {
      if (unavailable) return;
      await assay.stop();
      await database.drop();
      rmSync(manifestDir, { recursive: true, force: true });
    });

    async function upload(fileName: string, bytes: Uint8Array) {
      const response = await admin.fetch(`/api/v1/manifests?fileName=${encodeURIComponent(fileName)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }

    async function version(plugin: string, name: string): Promise<VersionDetail> {
      return (await assay.getJson<VersionDetail>(`/api/v1/plugins/${plugin}/versions/${name}`)).body;
    }

    async function importAudits(target: string) {
      return assay.server.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'manifest.import')
        .where('target_id', '=', target)
        .orderBy('occurred_at')
        .execute();
    }

    it.skipIf(unavailable)('rejects another manifest and names the one shown', async () => {
      const hijack = manifestBytes({
        title: 'Nyxus (hijacked)',
        containerId: 'wipp/wipp-stardist-inference-plugin:0.0.1',
      });

      const { status, body } = await upload('plugin.json', hijack);

      expect(status).toBe(409);
      const { error } = body as ErrorBody;
      expect(error.code).toBe('conflict');
      expect(error.message).toContain(`${folderFile} in the manifest folder`);
      expect(error.message).toContain('wipp/wipp-stardist-inference-plugin:0.0.1');
      expect(error.details as ManifestImportConflict).toMatchObject({
        plugin: 'nyxus-tool',
        version: '0.1.9-dev0',
        shown: { source: folderFile, format: 'wipp-polus' },
        containerId: {
          shown: 'polusai/nyxus-tool:0.1.9-dev0',
          imported: 'wipp/wipp-stardist-inference-plugin:0.0.1',
        },
      });
      expect((error.details as ManifestImportConflict).differences).toEqual(['containerId', 'title']);
    });

    it.skipIf(unavailable)('stores nothing for a rejected manifest', async () => {
      const detail = await version('nyxus-tool', '0.1.9-dev0');

      expect(detail.sources.map((source) => source.source)).toEqual([folderFile]);
      expect(detail.manifest.title).toBe(nyxus.title);
      expect(detail.image.repository).toBe('polusai/nyxus-tool');
      expect(await importAudits('nyxus-tool@0.1.9-dev0')).toEqual([]);
    });

    it.skipIf(unavailable)('reports the shown manifest from another source as unchanged', async () => {
      const { status, body } = await upload('plugin.json', nyxusBytes);

      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'unchanged', shown: { source: folderFile } });
      expect((await version('nyxus-tool', '0.1.9-dev0')).sources).toHaveLength(1);
    });

    it.skipIf(unavailable)('updates a version from its own upload and audits what changed', async () => {
      const first = manifestBytes({ name: 'Reimported Tool', title: 'Reimported Tool', version: '1.0.0' });
      const second = manifestBytes({
        name: 'Reimported Tool',
        title: 'Reimported Tool, renamed',
        version: '1.0.0',
        description: 'A new description',
      });
      expect((await upload('plugin.json', first)).body).toMatchObject({ status: 'created', changed: [] });

      const { status, body } = await upload('plugin.json', second);

      expect(status).toBe(200);
      expect(body as ManifestImportOutcome).toMatchObject({
        status: 'updated',
        changed: ['description', 'title'],
        shown: { source: 'upload/reimported-tool/plugin.json' },
      });
      expect((await version('reimported-tool', '1.0.0')).manifest.title).toBe('Reimported Tool, renamed');
      const audits = await importAudits('reimported-tool@1.0.0');
      expect(audits.map((event) => JSON.parse(event.after ?? '{}').status)).toEqual(['created', 'updated']);
      expect(JSON.parse(audits[1]!.before ?? '{}')).toEqual({
        shown: 'upload/reimported-tool/plugin.json',
        title: 'Reimported Tool',
      });
      expect(JSON.parse(audits[1]!.after ?? '{}')).toMatchObject({
        changed: ['description', 'title'],
        title: 'Reimported Tool, renamed',
      });
    });

    it.skipIf(unavailable)('moves the image when its own upload names another one', async () => {
      const moved = manifestBytes({
        name: 'Reimported Tool',
        title: 'Reimported Tool, renamed',
        version: '1.0.0',
        description: 'A new description',
        containerId: 'polusai/reimported-tool:1.0.1',
      });

      const { status, body } = await upload('plugin.json', moved);

      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'updated', changed: ['containerId'] });
      const detail = await version('reimported-tool', '1.0.0');
      expect(detail.image).toMatchObject({ repository: 'polusai/reimported-tool', tag: '1.0.1' });
    });

    it.skipIf(unavailable)('rejects an upload under another file name for that version', async () => {
      const other = manifestBytes({ name: 'Reimported Tool', title: 'Third title', version: '1.0.0' });

      const { status, body } = await upload('other.json', other);

      expect(status).toBe(409);
      expect((body as ErrorBody).error.message).toContain('the upload plugin.json');
      expect((body as ErrorBody).error.message).toContain('upload the new manifest as plugin.json');
    });

    it.skipIf(unavailable)('keeps both versions as they are when the folder is imported again', async () => {
      await assay.stop();
      assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_DIR: manifestDir } });

      expect((await version('nyxus-tool', '0.1.9-dev0')).sources.map((source) => source.source)).toEqual([
        folderFile,
      ]);
      expect((await version('reimported-tool', '1.0.0')).manifest.title).toBe('Reimported Tool, renamed');
    });
  },
);
