import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import type { TestDatabase } from '../support/database.ts';

export const reviewedPlugin = 'nyxus-tool';
export const olderVersion = '0.1.9-dev0';
export const newerVersion = '0.2.0';

const fixtureFile = 'PolusAI__image-tools__features__nyxus-tool__plugin.json';

/**
 * Starts Assay with one real manifest (nyxus-tool 0.1.9-dev0) and a copy of it that only changes the
 * version and image tag to 0.2.0, so the plugin has an older and a newer version to review.
 */
export async function startReviewAssay(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<{ assay: TestAssay; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-reviews-'));
  copyFileSync(path.join(fixtureManifestDir, fixtureFile), path.join(dir, 'nyxus-0.1.9.json'));
  const manifest = JSON.parse(readFileSync(path.join(fixtureManifestDir, fixtureFile), 'utf8')) as {
    version: string;
    containerId: string;
  };
  manifest.version = newerVersion;
  manifest.containerId = manifest.containerId.replace(olderVersion, newerVersion);
  writeFileSync(path.join(dir, 'nyxus-0.2.0.json'), JSON.stringify(manifest));

  const assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_DIR: dir, ...env } });
  await assay.server.syncNow();
  return {
    assay,
    async stop() {
      await assay.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
