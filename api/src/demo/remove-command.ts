import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/index.ts';
import { openDatabase } from '../db/connect.ts';
import { demoLayoutRoot } from './build.ts';
import { takeInventory } from './data-mode.ts';
import { removeDemoData } from './remove-demo-data.ts';

export const removeDemoDataUsage =
  'Usage: node api/src/cli.ts remove-demo-data --yes   (stop Assay first; reads DATA_DIR or DATABASE_URL)';

/** The command's output and exit code, which the CLI entry point prints and exits with. */
export interface CommandResult {
  exitCode: number;
  output: string;
}

/**
 * Runs `remove-demo-data`. Without `--yes` it lists what would be removed and removes nothing. With it,
 * it removes the demo data from the configured database and the demo registry's folder.
 */
export async function runRemoveDemoData(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<CommandResult> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { yes: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    return { exitCode: 1, output: `${(error as Error).message}\n${removeDemoDataUsage}` };
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 1, output: error.message };
    throw error;
  }
  const where =
    config.database.engine === 'sqlite'
      ? `the data folder ${config.dataDir}`
      : 'the PostgreSQL database in DATABASE_URL';

  const database = await openDatabase(config.database);
  try {
    const inventory = await takeInventory(database.db);
    if (inventory.demoSigners === 0) {
      return { exitCode: 0, output: `No demo data in ${where}; nothing was removed.` };
    }
    if (values.yes !== true) {
      // The same rows that removeDemoData deletes: the demo's signers and those discovered on images.
      const signers = await database.db
        .selectFrom('signers')
        .select(['display_name', 'origin'])
        .where('origin', 'in', ['demo', 'discovered'])
        .orderBy('display_name')
        .execute();
      const names = signers.map((signer) => `${signer.display_name} (${signer.origin})`).join(', ');
      // A dry run that did what was requested succeeds, and its "Nothing was removed" line reports that nothing changed.
      return {
        exitCode: 0,
        output: [
          `${where.charAt(0).toUpperCase()}${where.slice(1)} contains demo data: ${inventory.plugins} plugins and ${signers.length} signers that would be removed: ${names}.`,
          'Removing it deletes the demo signers, the signers discovered on images and the whole catalog (plugins, versions, manifests, signatures, scan reports and reviews).',
          'User accounts, the signers that administrators added, the trust policy and the audit log stay.',
          'Nothing was removed. Run the command again with --yes to remove it.',
        ].join('\n'),
      };
    }

    const removal = await removeDemoData(database);
    rmSync(demoLayoutRoot(config.dataDir), { recursive: true, force: true });
    if (removal === undefined) {
      return { exitCode: 0, output: `No demo data in ${where}; nothing was removed.` };
    }
    return {
      exitCode: 0,
      output: [
        `Removed the demo data from ${where}: ${removal.signers.length} signers (${removal.signers.join(', ')}), ${removal.plugins} plugins with ${removal.versions} versions, ${removal.reviews} reviews and ${removal.scanReports} scan reports.`,
        'The audit log records the removal as demo.remove. Assay can now start with ASSAY_REGISTRIES set.',
      ].join('\n'),
    };
  } finally {
    await database.close();
  }
}
