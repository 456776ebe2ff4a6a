import type { Kysely } from 'kysely';
import type {
  SignatureReason,
  SignatureState,
  SignatureStatus,
  SignatureTrustState,
} from '../contract/signature.ts';
import type { Database } from '../db/schema.ts';
import { signatureStateOf, trustStateOf, type SignerFacts } from './evaluate.ts';
import { signerFactsOf } from './rows.ts';

/** Loads every signer's facts by signer reference; the table holds one row per key or identity. */
export async function loadSignerFacts(db: Kysely<Database>): Promise<Map<string, SignerFacts>> {
  const rows = await db.selectFrom('signers').selectAll().execute();
  return new Map(rows.map((row) => [row.signer_ref, signerFactsOf(row)]));
}

/**
 * Recomputes `plugins.signature_state`, the catalog badge of each plugin's newest version at its current
 * digest, and writes the plugins whose badge changed. With `signerRef`, only plugins whose newest
 * version carries a signature attributed to that signer are considered. Pass the transaction that
 * changed the signatures or the signer, so the badge changes with them.
 */
export async function refreshSignatureStates(
  db: Kysely<Database>,
  now: Date,
  options: { signerRef?: string } = {},
): Promise<number> {
  let plugins = db
    .selectFrom('plugins as p')
    .leftJoin('plugin_versions as v', 'v.id', 'p.latest_version_id')
    .select([
      'p.id',
      'p.signature_state',
      'v.id as version_id',
      'v.current_digest',
      'v.image_registry',
      'v.image_repository',
    ]);
  if (options.signerRef !== undefined) {
    const signerRef = options.signerRef;
    plugins = plugins.where((eb) =>
      eb.exists(
        eb
          .selectFrom('signature_results as r')
          .select('r.id')
          .whereRef('r.version_id', '=', 'p.latest_version_id')
          .where('r.signer_ref', '=', signerRef),
      ),
    );
  }
  const rows = await plugins.execute();
  if (rows.length === 0) return 0;

  // Only signatures on the current digest itself count, not those on its platform manifests.
  const results = await db
    .selectFrom('signature_results as r')
    .innerJoin('plugins as p', 'p.latest_version_id', 'r.version_id')
    .innerJoin('plugin_versions as v', 'v.id', 'r.version_id')
    .select(['r.version_id', 'r.status', 'r.reason', 'r.signer_ref'])
    .whereRef('r.subject_digest', '=', 'v.current_digest')
    .whereRef('r.covered_digest', '=', 'r.subject_digest')
    .execute();
  const byVersion = new Map<string, typeof results>();
  for (const result of results) {
    const list = byVersion.get(result.version_id) ?? [];
    list.push(result);
    byVersion.set(result.version_id, list);
  }
  const signers = await loadSignerFacts(db);

  let changed = 0;
  for (const row of rows) {
    const repository = `${row.image_registry ?? ''}/${row.image_repository ?? ''}`;
    const states: SignatureTrustState[] = (byVersion.get(row.version_id ?? '') ?? []).map(
      (result) =>
        trustStateOf(
          { status: result.status as SignatureStatus, reason: result.reason as SignatureReason },
          result.signer_ref === null ? undefined : signers.get(result.signer_ref),
          repository,
          now,
        ).state,
    );
    const state: SignatureState = row.current_digest === null ? 'unsigned' : signatureStateOf(states);
    if (state === row.signature_state) continue;
    await db.updateTable('plugins').set({ signature_state: state }).where('id', '=', row.id).execute();
    changed += 1;
  }
  return changed;
}
