import { findVersion } from '../catalog/detail.ts';
import type { VersionVerdict } from '../contract/verdict.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { loadCurrentPolicy } from '../policy/store.ts';
import { computeVerdict } from './compute.ts';
import { loadVerdictInputs } from './load-inputs.ts';

/**
 * Computes the verdict of one plugin version from the current inputs and policy at `now`, so a new
 * signature, a signer decision, a scan, a moved tag, a policy edit or an expiry shows at once.
 * Throws `not-found` for an unknown plugin or version.
 */
export async function getVersionVerdict(
  context: DatabaseContext,
  name: string,
  versionName: string,
  now: Date,
): Promise<VersionVerdict> {
  const { version } = await findVersion(context, name, versionName);
  const current = await loadCurrentPolicy(context.db);

  const inputs = await loadVerdictInputs(context.db, [version], current.policy);
  const versionInputs = inputs.get(version.id);
  if (versionInputs === undefined) throw new Error(`No verdict inputs were loaded for version ${version.id}`);

  return computeVerdict(versionInputs, { version: current.version, policy: current.policy }, now);
}
