// Catalog benchmark: loads 5,000 plugin versions into a fresh SQLite database, then measures the latency
// of catalog searches, plugin pages, and, in the same run and from the same server, a static JSON file of
// the same size as a search response. Reports p50/p95 and the search/static ratio, and the resident
// memory of the API process (started as a child process, so the load loop's memory is not counted).
// Usage: node bench/catalog/run.ts [--versions 5000] [--requests 400]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importParsedManifest } from '../../api/src/catalog/import.ts';
import { loadConfig } from '../../api/src/config/index.ts';
import { openDatabase } from '../../api/src/db/connect.ts';
import type { NormalisedManifest } from '../../api/src/contract/manifest.ts';
import { parseManifest } from '../../api/src/manifests/parse.ts';

const { values } = parseArgs({
  options: { versions: { type: 'string', default: '5000' }, requests: { type: 'string', default: '400' } },
});
const versionCount = Number(values.versions);
const requestCount = Number(values.requests);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'api/test/fixtures/wipp-manifests');

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

async function timeRequests(urls: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} returned HTTP ${response.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function loadBaseManifests(): Array<{
  raw: string;
  manifest: NormalisedManifest;
  format: NormalisedManifest['format'];
}> {
  const bases = [];
  for (const file of readdirSync(fixtures)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const bytes = readFileSync(path.join(fixtures, file));
    const result = parseManifest({ bytes, fileName: file });
    if (result.ok)
      bases.push({ raw: bytes.toString('utf8'), manifest: result.manifest, format: result.format });
  }
  return bases;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'assay-bench-'));
const webDir = path.join(workDir, 'web');
mkdirSync(webDir);
writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>bench</title>');
const serverEnv = {
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: path.join(workDir, 'data'),
  ASSAY_DEMO: 'false',
  ASSAY_WEB_DIR: webDir,
  LOG_LEVEL: 'silent',
};
const database = await openDatabase(loadConfig(serverEnv).database);
const context = { db: database.db, engine: database.engine };

const bases = loadBaseManifests();
const versionsPerPlugin = 5;
const loadStarted = performance.now();
for (let index = 0; index < versionCount; index += 1) {
  const base = bases[Math.floor(index / versionsPerPlugin) % bases.length]!;
  const pluginNumber = Math.floor(index / versionsPerPlugin);
  const version = `1.${index % versionsPerPlugin}.0`;
  const manifest = { ...base.manifest, name: `${base.manifest.name} ${pluginNumber}`, version };
  await importParsedManifest(context, {
    source: `bench/${index}.json`,
    raw: base.raw,
    format: base.format,
    manifest,
    warnings: [],
  });
}
const loadSeconds = (performance.now() - loadStarted) / 1000;
await database.close();

// The same V8 flag as `pnpm start`: a 4 MiB young generation keeps the resident set well below the
// default's without a measurable latency cost in this benchmark (docs/benchmarks.md).
const server = spawn(process.execPath, ['--max-semi-space-size=4', path.join(root, 'api/src/main.ts')], {
  env: { ...process.env, ...serverEnv },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
server.stdout.setEncoding('utf8');
while (!/running at (\S+)/.test(output)) {
  const [chunk] = (await once(server.stdout, 'data')) as [string];
  output += chunk;
}
const url = /running at (\S+)/.exec(output)![1]!;

function residentMegabytes(field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}
const searches = [
  'segmentation',
  'threshold',
  'feature extraction',
  'pyramid',
  'nyxus',
  'stitching',
  'ome',
  'cluster',
];
const firstPage = await (await fetch(`${url}/api/v1/plugins?q=segmentation`)).text();
writeFileSync(path.join(webDir, 'static.json'), firstPage);
const plugins = (
  JSON.parse(await (await fetch(`${url}/api/v1/plugins?pageSize=100`)).text()) as {
    items: Array<{ name: string }>;
  }
).items;

const searchUrls = Array.from(
  { length: requestCount },
  (_, i) => `${url}/api/v1/plugins?q=${encodeURIComponent(searches[i % searches.length]!)}&page=1`,
);
const pageUrls = Array.from(
  { length: requestCount },
  (_, i) => `${url}/api/v1/plugins/${plugins[i % plugins.length]!.name}`,
);
const staticUrls = Array.from({ length: requestCount }, () => `${url}/static.json`);

// Warm-up, then the three series interleaved in rounds so machine noise hits them alike.
await timeRequests([...searchUrls.slice(0, 50), ...pageUrls.slice(0, 50), ...staticUrls.slice(0, 50)]);
const rounds = 4;
const results = { search: [] as number[], page: [] as number[], static: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  const slice = (list: string[]) =>
    list.slice((round * list.length) / rounds, ((round + 1) * list.length) / rounds);
  results.search.push(...(await timeRequests(slice(searchUrls))));
  results.page.push(...(await timeRequests(slice(pageUrls))));
  results.static.push(...(await timeRequests(slice(staticUrls))));
}
const rssMb = residentMegabytes('VmRSS');
const peakRssMb = residentMegabytes('VmHWM');
server.kill('SIGTERM');
await once(server, 'exit');
rmSync(workDir, { recursive: true, force: true });

const summary = Object.fromEntries(
  Object.entries(results).map(([name, times]) => {
    const sorted = times.sort((a, b) => a - b);
    return [name, { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) }];
  }),
) as Record<keyof typeof results, { p50: number; p95: number }>;

console.log(
  `versions: ${versionCount} (${versionCount / versionsPerPlugin} plugins), loaded in ${loadSeconds.toFixed(1)} s`,
);
console.log(
  `requests per series: ${requestCount}, response size of the static file: ${firstPage.length} bytes`,
);
for (const [name, { p50, p95 }] of Object.entries(summary)) {
  console.log(`${name.padEnd(7)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
}
console.log(`search p95 / static p95: ${(summary.search.p95 / summary.static.p95).toFixed(2)}`);
console.log(`plugin page p95 / static p95: ${(summary.page.p95 / summary.static.p95).toFixed(2)}`);
console.log(
  `API process resident memory: ${rssMb.toFixed(0)} MB at the end, ${peakRssMb.toFixed(0)} MB peak`,
);
