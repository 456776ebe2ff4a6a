import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Fingerprint of every input the stored verdicts depend on, read in one query. It covers the catalog
 * and scan revisions (which their modules move on every write), the signer table, the signature results
 * and lookups, the versions' digests and the policy version. Any write to those tables changes it, so
 * comparing it with the stored stamp shows whether the stored verdicts are still current.
 */
export interface InputsStamp {
  catalog: number;
  scans: number;
  signers: string;
  signatures: string;
  lookups: string;
  versions: string;
  policy: number;
}

interface StampRow {
  catalog: number | string | null;
  scans: number | string | null;
  signer_count: number | string;
  signers_updated: string | null;
  result_count: number | string;
  results_verified: string | null;
  sync_count: number | string;
  syncs_checked: string | null;
  version_count: number | string;
  versions_updated: string | null;
  policy: number | string | null;
}

export async function readInputsStamp(db: Kysely<Database>): Promise<InputsStamp> {
  const result = await sql<StampRow>`
    SELECT
      (SELECT revision FROM catalog_state WHERE id = 1) AS catalog,
      (SELECT revision FROM scan_state WHERE id = 1) AS scans,
      (SELECT count(*) FROM signers) AS signer_count,
      (SELECT max(updated_at) FROM signers) AS signers_updated,
      (SELECT count(*) FROM signature_results) AS result_count,
      (SELECT max(verified_at) FROM signature_results) AS results_verified,
      (SELECT count(*) FROM signature_syncs) AS sync_count,
      (SELECT max(checked_at) FROM signature_syncs) AS syncs_checked,
      (SELECT count(*) FROM plugin_versions) AS version_count,
      (SELECT max(updated_at) FROM plugin_versions) AS versions_updated,
      (SELECT max(version) FROM trust_policies) AS policy`.execute(db);
  const row = result.rows[0];
  if (row === undefined) throw new Error('The verdict inputs query returned no row');
  return {
    catalog: Number(row.catalog ?? 0),
    scans: Number(row.scans ?? 0),
    signers: `${Number(row.signer_count)}@${row.signers_updated ?? ''}`,
    signatures: `${Number(row.result_count)}@${row.results_verified ?? ''}`,
    lookups: `${Number(row.sync_count)}@${row.syncs_checked ?? ''}`,
    versions: `${Number(row.version_count)}@${row.versions_updated ?? ''}`,
    policy: Number(row.policy ?? 0),
  };
}

export function stampText(stamp: InputsStamp): string {
  return JSON.stringify(stamp);
}
