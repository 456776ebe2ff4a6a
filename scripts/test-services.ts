// Finds or installs the services the test suite runs against: the CNCF Distribution registry,
// Chromium and PostgreSQL. On Debian or Ubuntu, as root, it installs missing packages with apt-get;
// elsewhere it stops with the list of what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export interface TestServices {
  registryBin: string;
  chromiumPath: string;
  databaseUrl: string;
}

const installHelp = `Install these and run the tests again:
  Debian/Ubuntu: apt-get install -y docker-registry chromium postgresql
  Other systems: the CNCF Distribution registry binary (set REGISTRY_BIN to its path),
                 Chromium or Chrome (set CHROMIUM_PATH), and PostgreSQL 14 or newer
                 (set TEST_DATABASE_URL to a database the tests may create databases from,
                 for example postgres://assay:assay@127.0.0.1:5432/postgres).`;

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found !== '' ? found : undefined;
}

function canUseApt(): boolean {
  return process.getuid?.() === 0 && which('apt-get') !== undefined;
}

function aptInstall(packages: string[]): void {
  console.log(`Installing ${packages.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

function findRegistry(): string | undefined {
  return process.env.REGISTRY_BIN ?? which('docker-registry') ?? which('registry');
}

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
}

function findPostgresVersion(): string | undefined {
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((entry) => existsSync(`/usr/lib/postgresql/${entry}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0];
}

function psqlAsPostgres(sql: string): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    encoding: 'utf8',
  }).trim();
}

/** Starts the Debian cluster of the newest installed PostgreSQL and makes an `assay` role that may create databases. */
function startDebianPostgres(version: string): string {
  const clusters = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0] === version);
  if (clusters.length === 0) {
    execFileSync('pg_createcluster', [version, 'main'], { stdio: 'inherit' });
  }
  const cluster = clusters[0]?.[1] ?? 'main';
  const port = clusters[0]?.[2] ?? '5432';
  const status = clusters[0]?.[3];
  if (status !== 'online') {
    execFileSync('pg_ctlcluster', [version, cluster, 'start'], { stdio: 'inherit' });
  }
  const exists = psqlAsPostgres("SELECT 1 FROM pg_roles WHERE rolname = 'assay'");
  if (exists !== '1') {
    psqlAsPostgres("CREATE ROLE assay LOGIN CREATEDB PASSWORD 'assay'");
  }
  return `postgres://assay:assay@127.0.0.1:${port}/postgres`;
}

export function ensureTestServices(): TestServices {
  const missing: string[] = [];
  if (!findRegistry()) missing.push('docker-registry');
  if (!findChromium()) missing.push('chromium');
  if (!process.env.TEST_DATABASE_URL && !findPostgresVersion()) missing.push('postgresql');

  if (missing.length > 0) {
    if (!canUseApt()) {
      console.error(`Missing for the tests: ${missing.join(', ')}.\n${installHelp}`);
      process.exit(1);
    }
    aptInstall(missing);
  }

  const registryBin = findRegistry();
  const chromiumPath = findChromium();
  const postgresVersion = findPostgresVersion();
  if (!registryBin || !chromiumPath || (!process.env.TEST_DATABASE_URL && !postgresVersion)) {
    console.error(`The test services are still missing after installation.\n${installHelp}`);
    process.exit(1);
  }
  const databaseUrl = process.env.TEST_DATABASE_URL ?? startDebianPostgres(postgresVersion as string);
  return { registryBin, chromiumPath, databaseUrl };
}
