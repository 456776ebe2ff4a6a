import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import type { TestDatabase } from '../support/database.ts';
import {
  pushImage,
  pushIndex,
  startRegistry,
  type RegistryAuthMode,
  type TestRegistry,
} from '../support/registry/index.ts';

export const scannedPlugin = 'threshold';
export const repository = 'plugins/threshold';
/** A single-platform image. */
export const olderVersion = '1.0.0';
/** A two-platform index (linux/amd64 and linux/arm64) with an attestation entry. */
export const newerVersion = '2.0.0';
/** An older version whose image the registry does not have. */
export const missingVersion = '0.9.0';

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

export interface ScanAssay {
  assay: TestAssay;
  registry: TestRegistry;
  /** Digest of each version's image. */
  digests: { older: string; newer: string };
  /** The platform manifest digests of the newer version's index, linux/amd64 first. */
  platformDigests: string[];
  stop(): Promise<void>;
}

/**
 * Starts a real registry (with the given auth) holding two versions of the plugin `threshold`, and
 * an Assay server whose manifest folder names them, resolved once.
 */
export async function startScanAssay(
  database: TestDatabase,
  options: { auth?: RegistryAuthMode; env?: Record<string, string> } = {},
): Promise<ScanAssay> {
  const registry = await startRegistry({ auth: options.auth ?? 'none' });
  const auth = registry.credentials;
  const older = await pushImage(registry.url, repository, olderVersion, { content: 'threshold 1' }, auth);
  const newer = await pushIndex(registry.url, repository, newerVersion, { content: 'threshold 2' }, auth);

  const dir = mkdtempSync(path.join(tmpdir(), 'assay-scans-'));
  for (const version of [olderVersion, newerVersion, missingVersion]) {
    const manifest = {
      ...baseManifest,
      name: scannedPlugin,
      title: 'Threshold',
      version,
      containerId: `${registry.host}/${repository}:${version}`,
    };
    writeFileSync(path.join(dir, `threshold-${version}.json`), JSON.stringify(manifest));
  }

  const registryConfig: Record<string, unknown> = { host: registry.host, url: registry.url, timeoutMs: 5000 };
  if (auth !== undefined) Object.assign(registryConfig, { username: auth.username, password: auth.password });
  if (registry.tokenServer !== undefined) registryConfig.authRealmHosts = [registry.tokenServer.host];

  const assay = await startTestAssay({
    database,
    env: {
      ASSAY_MANIFEST_DIR: dir,
      ASSAY_REGISTRIES: JSON.stringify([registryConfig]),
      ASSAY_SIGSTORE_PUBLIC_GOOD: 'false',
      ...options.env,
    },
  });
  await assay.server.syncNow();
  return {
    assay,
    registry,
    digests: { older: older.digest, newer: newer.digest },
    platformDigests: newer.platforms.map((platform) => platform.manifest.descriptor.digest),
    async stop() {
      await assay.stop();
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** API path of a version's scan routes. */
export function scanPath(version: string, suffix = ''): string {
  return `/api/v1/plugins/${scannedPlugin}/versions/${encodeURIComponent(version)}/scan${suffix}`;
}

/** Builds a multipart body with a report file and optional fields, as the upload form sends it. */
export function reportForm(
  report: string | Uint8Array,
  fields: Record<string, string> = {},
  fileName = 'report.json',
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'report',
    new Blob([typeof report === 'string' ? report : Buffer.from(report)], { type: 'application/json' }),
    fileName,
  );
  return form;
}
