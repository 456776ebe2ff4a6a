import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Fingerprint of every input the stored verdicts depend on, read in one query of three primary-key
 * rows. Database triggers bump the catalog revision on writes to plugins, the scan revision on scan
 * report writes, and the verdict inputs revision on writes to signers, signature results and lookups,
 * plugin versions and trust policies. Comparing the fingerprint with the stored stamp therefore shows
 * whether the stored verdicts are still current.
 */
export interface InputsStamp {
  catalog: number;
  scans: number;
  inputs: number;
}

interface StampRow {
  catalog: number | string | null;
  scans: number | string | null;
  inputs: number | string | null;
}

export async function readInputsStamp(db: Kysely<Database>): Promise<InputsStamp> {
  const result = await sql<StampRow>`
    SELECT
      (SELECT revision FROM catalog_state WHERE id = 1) AS catalog,
      (SELECT revision FROM scan_state WHERE id = 1) AS scans,
      (SELECT revision FROM verdict_inputs_state WHERE id = 1) AS inputs`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('The verdict inputs query returned no row');
  return {
    catalog: Number(row.catalog ?? 0),
    scans: Number(row.scans ?? 0),
    inputs: Number(row.inputs ?? 0),
  };
}

export function stampText(stamp: InputsStamp): string {
  return JSON.stringify(stamp);
}
