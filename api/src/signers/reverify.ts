import type { DatabaseContext } from '../db/engine.ts';
import { refreshSignatureStates } from './badges.ts';
import type { TrustProvider } from './signer-trust.ts';
import { candidateOf, resultColumns } from './store.ts';
import { verifyAndRecordSigners } from './verify-entries.ts';

interface ReverifyDeps {
  context: DatabaseContext;
  trust: TrustProvider;
}

/** Results that a new signer can change: no known key or identity made them before. */
const unknownSignerReasons = ['unknown-key', 'identity-mismatch'];

/**
 * Verifies a version's stored entries again with the current trust, without asking the registry, and
 * records the new trust fingerprint. Entries that were problems (limits, unreadable blobs) stay. When
 * only the signer set changed, entries are verified again only if one of them had an unknown signer,
 * because a new signer cannot change any other result. Returns whether anything was verified.
 */
export async function reverifyStoredEntries(
  deps: ReverifyDeps,
  versionId: string,
  repository: string,
  now: Date,
  options: { rootsChanged: boolean } = { rootsChanged: false },
): Promise<boolean> {
  const { db } = deps.context;
  const rows = await db
    .selectFrom('signature_results')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('entry', 'is not', null)
    .orderBy('position')
    .execute();
  if (!options.rootsChanged && !rows.some((row) => unknownSignerReasons.includes(row.reason))) {
    const { fingerprint } = await deps.trust.current(db);
    await db
      .updateTable('signature_syncs')
      .set({ trust_fingerprint: fingerprint })
      .where('version_id', '=', versionId)
      .execute();
    return false;
  }
  const found = rows.map((row) => ({ subjectDigest: row.subject_digest, candidate: candidateOf(row) }));
  const { entries, fingerprint } = await verifyAndRecordSigners(deps, found, repository, now);

  await db.transaction().execute(async (trx) => {
    for (const [index, row] of rows.entries()) {
      const entry = entries[index];
      if (entry === undefined) continue;
      await trx
        .updateTable('signature_results')
        .set(resultColumns(entry.result, now))
        .where('id', '=', row.id)
        .execute();
    }
    await trx
      .updateTable('signature_syncs')
      .set({ trust_fingerprint: fingerprint })
      .where('version_id', '=', versionId)
      .execute();
  });
  return true;
}

/**
 * Verifies again every version with a signature by a signer Assay had no record of, after a signer was
 * added, then refreshes the catalog badges. It needs no registry request, so the response to adding a
 * key already shows its effect.
 */
export async function reverifyUnknownSigners(deps: ReverifyDeps, now: Date): Promise<number> {
  const { db } = deps.context;
  const versions = await db
    .selectFrom('signature_results as r')
    .innerJoin('plugin_versions as v', 'v.id', 'r.version_id')
    .select(['r.version_id', 'v.image_registry', 'v.image_repository'])
    .where('r.reason', 'in', unknownSignerReasons)
    .where('r.entry', 'is not', null)
    .distinct()
    .execute();
  for (const version of versions) {
    await reverifyStoredEntries(
      deps,
      version.version_id,
      `${version.image_registry}/${version.image_repository}`,
      now,
    );
  }
  if (versions.length > 0) await db.transaction().execute((trx) => refreshSignatureStates(trx, now));
  return versions.length;
}
