// Runs the whole test suite: type checks, lint, unit and integration tests (Vitest) on SQLite and
// PostgreSQL against a real registry, then end-to-end tests (Playwright) in Chromium.
// It installs the registry, Chromium and PostgreSQL from Debian/Ubuntu packages when they are
// missing and this process may do so; elsewhere it prints what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTestServices } from './test-services.ts';

const root = path.resolve(import.meta.dirname, '..');
const reportDir = path.join(root, '.assay', 'test-reports');

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(`${label} could not start: ${result.error.message}`);
  return result.status === 0;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readVitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

const majorNode = Number(process.versions.node.split('.')[0]);
if (majorNode < 24) {
  console.error(`Node.js ${process.versions.node} is too old: Assay needs Node.js 24 (see .nvmrc).`);
  process.exit(1);
}

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const services = ensureTestServices();
const env = {
  TEST_DATABASE_URL: services.databaseUrl,
  REGISTRY_BIN: services.registryBin,
  CHROMIUM_PATH: services.chromiumPath,
};

const checks = [
  run('type check', 'pnpm', ['-r', 'typecheck']),
  run('lint', 'pnpm', ['exec', 'eslint', '.']),
  run('format', 'pnpm', ['exec', 'prettier', '--check', '.']),
];
const vitestReport = path.join(reportDir, 'vitest.json');
run(
  'unit and integration tests',
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  env,
);

const built = run('web build', 'pnpm', ['--filter', '@assay/web', 'build']);
const playwrightReport = path.join(reportDir, 'playwright.json');
if (built) {
  run('end-to-end tests', 'pnpm', ['--filter', '@assay/e2e', 'test'], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
}

const unit = readVitestCounts(vitestReport);
const e2e = readPlaywrightCounts(playwrightReport);
const failedChecks = checks.filter((ok) => !ok).length + (built ? 0 : 1);
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + failedChecks;
const skipped = unit.skipped + e2e.skipped;

console.log(`\nVitest: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
console.log(`Playwright: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
console.log(`Checks (types, lint, format, build): ${failedChecks} failed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
