// Starts what the end-to-end tests run against: the real CNCF registry on loopback, seeded over HTTP
// with one small image per fixture manifest, an Assay server that uses it as Docker Hub, and a second
// Assay server whose registry is down. URLs reach the tests through environment variables.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../api/src/config/index.ts';
import { parseImageReference } from '../../api/src/registry/reference.ts';
import { scanManifestFolder } from '../../api/src/manifests/folder.ts';
import { createAssayServer, type AssayServer } from '../../api/src/server.ts';
import { pushImage, pushIndex, startRegistry } from '../../api/test/support/registry/index.ts';
import { createLocalAccount } from '../../api/src/accounts/create-account.ts';
import { engineCases, type TestDatabase } from '../../api/test/support/database.ts';
import { e2eAccounts } from './accounts.ts';
import { signSeededImage } from './signed-image.ts';
import { prepareTrustedImage } from './trusted-image.ts';
import { attachScanAttestations } from './scan-attestations.ts';
import { startStandInScanner } from '../../api/test/support/scanner/stand-in-scanner.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const manifestDir = path.join(root, 'api/test/fixtures/wipp-manifests');

/** The image whose tag the setup moves after registration, so the plugin page shows "tag moved". */
export const movedImage = { plugin: 'nyxus-tool', repository: 'polusai/nyxus-tool', tag: '0.1.9-dev0' };
/** Images pushed as two-platform indexes. */
export const multiPlatformRepositories = new Set(['polusai/ome-converter-tool']);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function seedRegistry(url: string): Promise<void> {
  const seen = new Set<string>();
  for await (const { result } of scanManifestFolder(manifestDir)) {
    if (!result.ok) continue;
    const reference = parseImageReference(result.manifest.containerId);
    if (reference.registry !== 'docker.io' || !reference.tag) continue;
    const key = `${reference.repository}:${reference.tag}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const labels = {
      'org.opencontainers.image.title': result.manifest.title,
      'org.opencontainers.image.version': result.manifest.version,
    };
    if (multiPlatformRepositories.has(reference.repository)) {
      await pushIndex(url, reference.repository, reference.tag, { labels, content: key });
    } else {
      await pushImage(url, reference.repository, reference.tag, {
        labels,
        content: key,
        created: '2024-05-06T07:08:09Z',
      });
    }
  }
}

async function startAssay(
  workDir: string,
  name: string,
  registryUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<AssayServer> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: path.join(workDir, name),
    ASSAY_DEMO: 'false',
    ASSAY_REGISTRIES: JSON.stringify([{ host: 'docker.io', url: registryUrl, timeoutMs: 3000 }]),
    ASSAY_MANIFEST_DIR: manifestDir,
    ASSAY_WEB_DIR: path.join(root, 'web/dist'),
    ...extraEnv,
  });
  return createAssayServer(config, { logger: pino({ level: 'error' }), schedule: false });
}

/** Creates the review tests' users; N=2^14 keeps hashing fast, and sign-in reads the cost from each hash. */
async function createE2eAccounts(server: AssayServer): Promise<void> {
  const { db, engine } = server.database;
  for (const [role, account] of [
    ['admin', e2eAccounts.admin],
    ['reviewer', e2eAccounts.reviewer],
    ['reviewer', e2eAccounts.reporter],
  ] as const) {
    await createLocalAccount(
      { db, engine },
      { ...account, role },
      { cost: { log2N: 14, blockSize: 8, parallelization: 1 } },
    );
  }
}

export default async function globalSetup() {
  const workDir = mkdtempSync(path.join(tmpdir(), 'assay-e2e-'));
  const registry = await startRegistry();
  await seedRegistry(registry.url);

  // The stand-in scanner answers "pending" twice, one second apart, so a rescan shows its progress.
  const scanner = await startStandInScanner({ pendingPolls: 2, refreshAfterSeconds: 1 });
  const assay = await startAssay(workDir, 'main', registry.url, { ASSAY_SCANNER_URL: scanner.url });
  process.env.ASSAY_E2E_URL = await assay.start();
  await signSeededImage(registry.url, assay.database.db);
  await prepareTrustedImage(registry.url, assay.database.db);
  await attachScanAttestations(registry.url);
  await assay.syncNow();
  await assay.checkAttestationsNow();
  // Push a different image under an already registered tag: the version keeps its registered digest
  // and the page must report the move.
  await pushImage(registry.url, movedImage.repository, movedImage.tag, {
    content: 'rebuilt after registration',
  });
  await assay.syncNow({ force: true });
  await createE2eAccounts(assay);

  // The same catalog on PostgreSQL, for the projects that repeat the user stories on that engine.
  const postgres = engineCases.find((engineCase) => engineCase.engine === 'postgres');
  let postgresDatabase: TestDatabase | undefined;
  let postgresAssay: AssayServer | undefined;
  if (postgres && !postgres.unavailable) {
    postgresDatabase = await postgres.create();
    postgresAssay = await startAssay(workDir, 'postgres', registry.url, postgresDatabase.env);
    process.env.ASSAY_E2E_PG_URL = await postgresAssay.start();
    await postgresAssay.syncNow();
    await createE2eAccounts(postgresAssay);
  }

  // A port that was free a moment ago has no listener, so every request to this registry fails fast.
  const down = await startAssay(workDir, 'down', `http://127.0.0.1:${await closedPort()}`);
  process.env.ASSAY_E2E_DOWN_URL = await down.start();
  await down.syncNow();

  return async () => {
    await down.stop();
    await postgresAssay?.stop();
    await postgresDatabase?.drop();
    await assay.stop();
    await scanner.close();
    await registry.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
}
