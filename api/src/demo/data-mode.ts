import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// The demo signers' private keys are committed with Assay's source, so anyone can sign images that
// they approve. A database therefore serves either the demo or a real deployment, never one and then
// the other: the demo signers mark a database that ran the demo, and accounts, plugins or signers
// without them mark a real deployment's.

/** Location of the database, for messages. A PostgreSQL URL is never printed because it may contain a password. */
export type DataLocation = { engine: 'sqlite'; dataDir: string } | { engine: 'postgres' };

/** Counts that tell a demo database from a real deployment's. */
export interface DataInventory {
  /** Signers that demo mode created (origin `demo`). */
  demoSigners: number;
  /** Signers that demo mode did not create: added by administrators or discovered on images. */
  otherSigners: number;
  plugins: number;
  users: number;
}

/** Thrown at start when the database belongs to the other mode; the message explains what to do. */
export class DataModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataModeError';
  }
}

/** The command that removes the demo data, as the messages print it. */
export const removeDemoDataCommand = 'node api/src/cli.ts remove-demo-data --yes';

export async function takeInventory(db: Kysely<Database>): Promise<DataInventory> {
  const count = async (table: 'plugins' | 'users') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };
  const signers = await db
    .selectFrom('signers')
    .select(['origin', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('origin')
    .execute();
  const demoSigners = Number(signers.find((row) => row.origin === 'demo')?.count ?? 0);
  const allSigners = signers.reduce((sum, row) => sum + Number(row.count), 0);
  return {
    demoSigners,
    otherSigners: allSigners - demoSigners,
    plugins: await count('plugins'),
    users: await count('users'),
  };
}

function describeLocation(location: DataLocation) {
  return location.engine === 'sqlite'
    ? {
        subject: `The data folder ${location.dataDir} (DATA_DIR)`,
        fresh: 'set DATA_DIR to a new, empty folder',
        variable: 'DATA_DIR',
      }
    : {
        subject: 'The PostgreSQL database in DATABASE_URL',
        fresh: 'point DATABASE_URL at a new, empty database',
        variable: 'DATABASE_URL',
      };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Builds the message for a real deployment started on a database that ran the demo. */
export function demoDataMessage(inventory: DataInventory, location: DataLocation): string {
  const { subject, fresh, variable } = describeLocation(location);
  return [
    `${subject} contains data from Assay's demo: ${plural(inventory.demoSigners, 'demo signer')} and ${plural(inventory.plugins, 'plugin')}.`,
    "The demo signers' private keys are published with Assay's source code, so Assay does not start a real deployment on this data.",
    'To continue, do one of these:',
    `  - ${fresh};`,
    `  - or stop Assay and remove the demo data with \`${removeDemoDataCommand}\`, run with the same ${variable}.`,
    '    It removes the demo signers, the signers discovered on images and the whole catalog (plugins, versions, manifests, signatures, scan reports and reviews).',
    '    It keeps user accounts, the signers that administrators added, the trust policy and the audit log.',
    'To run the demo on this data again instead, set ASSAY_DEMO=true.',
  ].join('\n');
}

/** Builds the message for the demo started on a database that a real deployment uses. */
export function realDataMessage(inventory: DataInventory, location: DataLocation): string {
  const { subject, fresh } = describeLocation(location);
  return [
    `${subject} belongs to a real deployment: it contains ${plural(inventory.plugins, 'plugin')}, ${plural(inventory.otherSigners, 'signer')} and ${plural(inventory.users, 'user account')}, and no demo data.`,
    "Demo mode would add approved demo signers whose private keys are published with Assay's source code, so Assay does not start the demo on this data.",
    `To run the demo, ${fresh}. To run this deployment, set ASSAY_REGISTRIES and leave ASSAY_DEMO unset or false.`,
  ].join('\n');
}

/**
 * Rejects a start whose mode does not match the database, with a `DataModeError` that explains what
 * to do: a real deployment on a database that ran the demo, or the demo on a real deployment's database.
 * A database with no accounts, plugins or signers suits both.
 */
export async function checkDataMode(
  db: Kysely<Database>,
  options: { demo: boolean; location: DataLocation },
): Promise<void> {
  const inventory = await takeInventory(db);
  if (!options.demo && inventory.demoSigners > 0) {
    throw new DataModeError(demoDataMessage(inventory, options.location));
  }
  const realData = inventory.plugins + inventory.otherSigners + inventory.users > 0;
  if (options.demo && inventory.demoSigners === 0 && realData) {
    throw new DataModeError(realDataMessage(inventory, options.location));
  }
}
