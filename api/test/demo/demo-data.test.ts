import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { SignerListPage, VersionSignatures } from '../../src/contract/signer.ts';
import { buildDemoLayout, demoLayoutRoot, demoRegistryHost } from '../../src/demo/build.ts';
import { DataModeError } from '../../src/demo/data-mode.ts';
import { runRemoveDemoData } from '../../src/demo/remove-command.ts';
import { clearedTables, keptTables, searchIndexTable } from '../../src/demo/remove-demo-data.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { createOciLayoutSource } from '../../src/registry/oci-layout-source.ts';
import { createAssayServer } from '../../src/server.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn } from '../support/session.ts';

// Three images on docker.io: sorted by repository, the demo signs the first with the PolusAI release
// key, the second with the keyless identity and the third with the WIPP team key and the pending key.
const manifestFiles = [
  'PolusAI__image-tools__features__nyxus-tool__plugin.json',
  'usnistgov__WIPP-EGT-plugin__wipp-egt-plugin.json',
  'usnistgov__WIPP-hist-equalize__plugin.json',
];

/** Collects every signature state shown for the newest version of each plugin. */
async function signatureStates(assay: TestAssay): Promise<string[]> {
  const catalog = (await assay.getJson<CatalogPage>('/api/v1/plugins?pageSize=100')).body;
  const states: string[] = [];
  for (const item of catalog.items) {
    const path = `/api/v1/plugins/${item.name}/versions/${encodeURIComponent(item.latestVersion)}/signatures`;
    const signatures = (await assay.getJson<VersionSignatures>(path)).body;
    for (const subject of signatures.subjects) states.push(...subject.signatures.map((entry) => entry.state));
  }
  return states;
}

async function trustedCount(assay: TestAssay): Promise<number> {
  return (await assay.getJson<CatalogPage>('/api/v1/plugins?verdict=trusted')).body.total;
}

describe.each(engineCases)(
  'demo data and a real deployment on $engine',
  ({ engine, unavailable, create }) => {
    let database: TestDatabase;
    let manifestDir: string;
    let dataDir: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      if (unavailable) return;
      manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-demo-data-manifests-'));
      for (const file of manifestFiles)
        copyFileSync(path.join(fixtureManifestDir, file), path.join(manifestDir, file));
      database = await create();
      // PostgreSQL keeps its rows elsewhere, but the demo registry is still built below DATA_DIR.
      dataDir = database.env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'assay-demo-data-'));
      env = { ...database.env, DATA_DIR: dataDir, ASSAY_MANIFEST_DIR: manifestDir, LOG_LEVEL: 'silent' };
    });

    afterAll(async () => {
      if (unavailable) return;
      await database.drop();
      rmSync(manifestDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    });

    function startReal(options: { withDemoImages?: string } = {}) {
      return startTestAssay({
        database,
        env: { ...env, ASSAY_DEMO: 'false' },
        ...(options.withDemoImages
          ? {
              registrySources: [
                createOciLayoutSource({ host: demoRegistryHost, dir: options.withDemoImages }),
              ],
            }
          : {}),
      });
    }

    it.skipIf(unavailable)('trusts the demo signers in demo mode', async () => {
      const demo = await startTestAssay({ database, env: { ...env, ASSAY_DEMO: 'true' } });
      await demo.server.syncNow();
      await demo.server.checkAttestationsNow();
      await createUserAndSignIn(demo, 'admin');

      const signers = (await demo.getJson<SignerListPage>('/api/v1/signers')).body;
      const states = await signatureStates(demo);
      const trusted = await trustedCount(demo);
      await demo.stop();

      expect(signers.items.filter((signer) => signer.origin === 'demo')).toHaveLength(5);
      expect(states).toContain('approved');
      expect(trusted).toBeGreaterThan(0);
    });

    it.skipIf(unavailable)('refuses to start a real deployment on the demo data', async () => {
      const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env, ASSAY_DEMO: 'false' });

      const starting = createAssayServer(config, { logger: pino({ level: 'silent' }), schedule: false });

      await expect(starting).rejects.toThrow(DataModeError);
      const message = await starting.catch((error: Error) => error.message);
      expect(message).toContain(engine === 'sqlite' ? `${dataDir} (DATA_DIR)` : 'database in DATABASE_URL');
      expect(message).toContain('5 demo signers and 3 plugins');
      expect(message).toContain('node api/src/cli.ts remove-demo-data --yes');
      expect(message).not.toContain('postgres://');
    });

    it.skipIf(unavailable)('lists the demo data without --yes and removes nothing', async () => {
      const result = await runRemoveDemoData([], env);

      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('3 plugins and 5 signers that would be removed');
      expect(result.output).toContain('PolusAI release key (demo) (demo)');
      expect(result.output).toContain('Nothing was removed');
      await expect(
        createAssayServer(loadConfig({ PORT: '0', ...env, ASSAY_DEMO: 'false' }), { schedule: false }),
      ).rejects.toThrow(DataModeError);
    });

    it.skipIf(unavailable)('removes the demo data with --yes and keeps the accounts', async () => {
      const result = await runRemoveDemoData(['--yes'], env);

      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('PolusAI release key (demo)');
      expect(result.output).toContain('3 plugins');
      expect(existsSync(demoLayoutRoot(dataDir))).toBe(false);
      const handle = await openDatabase(database.target);
      const { db } = handle;
      const signers = await db.selectFrom('signers').select('origin').execute();
      const plugins = await db.selectFrom('plugins').select('id').execute();
      const reports = await db.selectFrom('scan_reports').select('id').execute();
      const users = await db.selectFrom('users').select('role').execute();
      const audit = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'demo.remove')
        .execute();
      const searchRows =
        engine === 'sqlite'
          ? (await sql<{ count: number }>`SELECT count(*) AS count FROM plugin_search`.execute(db)).rows[0]
              ?.count
          : 0;
      await handle.close();
      expect(signers).toEqual([]);
      expect(plugins).toEqual([]);
      expect(reports).toEqual([]);
      expect(searchRows).toBe(0);
      expect(users.map((user) => user.role)).toEqual(['admin']);
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.before ?? '{}')).toMatchObject({ plugins: 3, versions: 3 });
    });

    it.skipIf(unavailable)('starts a real deployment after the removal', async () => {
      const real = await startReal();

      const signers = (await real.getJson<SignerListPage>('/api/v1/signers')).body;
      await real.stop();

      expect(signers.total).toBe(0);
    });

    it.skipIf(unavailable)('never trusts images signed with the demo keys afterwards', async () => {
      // The same demo images, now served as a real registry: their signatures verify, but no signer
      // record contains the demo keys any more, and the demo certificate authority is not trusted.
      const layoutRoot = mkdtempSync(path.join(tmpdir(), 'assay-demo-images-'));
      const layout = await buildDemoLayout(manifestDir, layoutRoot);
      const real = await startReal({ withDemoImages: layout.dir });
      await real.server.syncNow();
      await real.server.checkAttestationsNow();

      const states = await signatureStates(real);
      const trusted = await trustedCount(real);
      await real.stop();
      rmSync(layoutRoot, { recursive: true, force: true });

      expect(states.length).toBeGreaterThan(0);
      expect(states).not.toContain('approved');
      expect(trusted).toBe(0);
    });

    it.skipIf(unavailable)("refuses to start the demo on a real deployment's data", async () => {
      const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env, ASSAY_DEMO: 'true' });

      const starting = createAssayServer(config, { logger: pino({ level: 'silent' }), schedule: false });

      await expect(starting).rejects.toThrow(DataModeError);
      const message = await starting.catch((error: Error) => error.message);
      expect(message).toContain(
        'belongs to a real deployment: it contains 3 plugins, 0 signers and 1 user account',
      );
    });

    it.skipIf(unavailable)('says for every table whether the removal clears or keeps it', async () => {
      const handle = await openDatabase(database.target);
      const tables = await handle.db.introspection.getTables();
      await handle.close();
      const classified = new Set<string>([...clearedTables, ...keptTables]);

      const unclassified = tables
        .map((table) => table.name)
        .filter((name) => !name.startsWith('kysely_') && !name.startsWith(searchIndexTable))
        .filter((name) => !classified.has(name));

      expect(unclassified).toEqual([]);
    });
  },
);

describe('demo data commands', () => {
  const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
  let manifestDir: string;
  let dataDir: string;

  beforeAll(async () => {
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-demo-cli-manifests-'));
    const [first] = manifestFiles as [string];
    copyFileSync(path.join(fixtureManifestDir, first), path.join(manifestDir, first));
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-demo-cli-'));
    const demo = await startTestAssay({
      database: {
        target: { engine: 'sqlite', file: path.join(dataDir, 'assay.sqlite') },
        env: {},
        drop: async () => {},
      },
      env: { DATA_DIR: dataDir, ASSAY_DEMO: 'true', ASSAY_MANIFEST_DIR: manifestDir },
    });
    await demo.stop();
  });

  afterAll(() => {
    rmSync(manifestDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs a script of the API with Node, in the repository root, with only these variables set. */
  function run(script: string, args: string[], env: Record<string, string>) {
    return spawnSync(process.execPath, [script, ...args], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  it('makes the server exit with the instructions', () => {
    const result = run('api/src/main.ts', [], { ASSAY_DEMO: 'false', PORT: '0' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The data folder ${dataDir} (DATA_DIR) contains data from Assay's demo`);
    expect(result.stderr).toContain('node api/src/cli.ts remove-demo-data --yes');
  });

  it('removes the demo data through the CLI', () => {
    const result = run('api/src/cli.ts', ['remove-demo-data', '--yes'], {});

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Removed the demo data from the data folder ${dataDir}`);
    const again = run('api/src/cli.ts', ['remove-demo-data', '--yes'], {});
    expect(again.stdout).toContain('No demo data');
  });
});
