import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ManifestError } from '../contract/manifest.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { scanManifestFolder } from '../manifests/folder.ts';
import { importParsedManifest } from './import.ts';

export interface FolderImportReport {
  /** Manifests of versions that were new. */
  created: number;
  /** Manifests that changed what their version shows. */
  updated: number;
  /** Manifests stored beside the one their version shows: an ICT companion, or another file of the same version. */
  added: number;
  unchanged: number;
  warnings: number;
  rejected: Array<{ file: string; errors: ManifestError[] }>;
}

/**
 * Imports every manifest below `dir`. A file that cannot be understood is reported and skipped; the
 * others still import, each in its own transaction.
 */
export async function importManifestFolder(
  context: DatabaseContext,
  dir: string,
  logger: Logger,
): Promise<FolderImportReport> {
  const report: FolderImportReport = {
    created: 0,
    updated: 0,
    added: 0,
    unchanged: 0,
    warnings: 0,
    rejected: [],
  };
  for await (const { file, result } of scanManifestFolder(dir)) {
    if (!result.ok) {
      report.rejected.push({ file, errors: result.errors });
      logger.warn({ file, errors: result.errors }, 'manifest rejected');
      continue;
    }
    const raw = await readFile(path.join(dir, file), 'utf8');
    let outcome;
    try {
      outcome = await importParsedManifest(context, {
        source: file,
        raw,
        format: result.format,
        manifest: result.manifest,
        warnings: result.warnings,
      });
    } catch (error) {
      // One file the database refuses (its transaction rolled back) must not stop the other imports or
      // the server's start.
      const problem = `the database rejected the manifest: ${(error as Error).message}`;
      report.rejected.push({ file, errors: [{ file, path: '$', problem }] });
      logger.error({ err: error, file }, 'manifest import failed');
      continue;
    }
    report[outcome.status] += 1;
    report.warnings += result.warnings.length;
  }
  logger.info(
    {
      dir,
      created: report.created,
      updated: report.updated,
      added: report.added,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    },
    'manifest folder imported',
  );
  return report;
}
