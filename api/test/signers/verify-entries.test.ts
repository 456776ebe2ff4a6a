import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { loadSignerFacts } from '../../src/signers/badges.ts';
import {
  createTrustProvider,
  type CurrentTrust,
  type TrustProvider,
} from '../../src/signers/signer-trust.ts';
import { verifyAndRecordSigners } from '../../src/signers/verify-entries.ts';
import { createTestRekorLog, generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { signedCandidate } from '../signatures/layer-candidates.ts';

const repository = 'docker.io/lab/image';
const now = new Date('2025-01-01T00:00:00Z');

/**
 * Wraps a provider so that its first `current()` call returns `stale`, the trust that a sync worker
 * read before another worker recorded a discovered signer.
 */
function readStaleTrustFirst(provider: TrustProvider, stale: CurrentTrust): TrustProvider {
  let calls = 0;
  return {
    roots: provider.roots,
    current(db) {
      calls += 1;
      return calls === 1 ? Promise.resolve(stale) : provider.current(db);
    },
  };
}

describe.each(engineCases)('verifying entries on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    handle = await openDatabase(database.target);
  });

  afterAll(async () => {
    if (unavailable) return;
    await handle.close();
    await database.drop();
  });

  it.skipIf(unavailable)('names a signer another worker discovered', async () => {
    const log = createTestRekorLog();
    const trust = createTrustProvider({ certificateAuthorities: [], rekorKeys: [log.publicKeyPem] });
    const key = generateSigningKey('ecdsa-p256');
    const candidate = signedCandidate({
      key,
      rekor: { log, integratedTime: new Date('2024-05-02T00:00:00Z') },
    });
    const found = [{ subjectDigest: candidate.digest, candidate }];
    const trustBeforeDiscovery = await trust.current(handle.db);

    const first = await verifyAndRecordSigners({ context: handle, trust }, found, repository, now);
    const second = await verifyAndRecordSigners(
      { context: handle, trust: readStaleTrustFirst(trust, trustBeforeDiscovery) },
      found,
      repository,
      now,
    );
    const signers = await loadSignerFacts(handle.db);
    const latest = await trust.current(handle.db);

    expect(first.entries.map(({ result }) => result.reason)).toEqual(['ok']);
    expect(second.entries.map(({ result }) => result.reason)).toEqual(['ok']);
    expect(second.entries[0]?.result.signerRef).toBe(key.fingerprint);
    expect(signers.get(key.fingerprint)?.status).toBe('pending');
    expect(signers.size).toBe(1);
    expect(second.fingerprint).toBe(latest.fingerprint);
  });
});
