import type { DatabaseContext } from '../db/engine.ts';
import { verifySignature, type SignatureCandidate, type SignatureTrust } from '../signatures/index.ts';
import { recordDiscoveredSigners, revealedSigner } from './discovered.ts';
import type { TrustProvider } from './signer-trust.ts';
import type { CheckedEntry } from './store.ts';

/** A discovered entry not yet verified: a candidate, or a problem that already is a result. */
export type FoundEntry = Omit<CheckedEntry, 'result'> & Partial<Pick<CheckedEntry, 'result'>>;

async function verifyFound(found: FoundEntry[], trust: SignatureTrust, now: Date): Promise<CheckedEntry[]> {
  const checked: CheckedEntry[] = [];
  for (const entry of found) {
    const candidate: SignatureCandidate | undefined = entry.candidate;
    const result =
      entry.result ??
      (candidate === undefined ? undefined : await verifySignature(candidate, trust, { now }));
    if (result !== undefined) checked.push({ ...entry, result });
  }
  return checked;
}

/**
 * Verifies the entries, creates a pending signer for every new key or identity they reveal, and
 * verifies again with those signers known, so the results name them. It verifies again also when a
 * concurrent sync created the signers first.
 */
export async function verifyAndRecordSigners(
  deps: { context: DatabaseContext; trust: TrustProvider },
  found: FoundEntry[],
  repository: string,
  now: Date,
): Promise<{ entries: CheckedEntry[]; fingerprint: string }> {
  const { db } = deps.context;
  let current = await deps.trust.current(db);
  let entries = await verifyFound(found, current.trust, now);

  const sightings = entries.map((entry) => ({ result: entry.result, repository }));
  if (!sightings.some((sighting) => revealedSigner(sighting.result) !== undefined)) {
    return { entries, fingerprint: current.fingerprint };
  }

  // Verify again even when the insert creates nothing: another sync worker may have recorded the
  // same signer after the trust read above, so the first results still lack it.
  await recordDiscoveredSigners(db, sightings, now);
  current = await deps.trust.current(db);
  entries = await verifyFound(found, current.trust, now);
  return { entries, fingerprint: current.fingerprint };
}
