import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignatureTrustState } from '../../src/contract/signature.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { loadSignerFacts } from '../../src/signers/badges.ts';
import { trustStateOf } from '../../src/signers/evaluate.ts';
import { createSigner } from '../../src/signers/service.ts';
import { createTrustProvider, type TrustProvider } from '../../src/signers/signer-trust.ts';
import { verifyAndRecordSigners } from '../../src/signers/verify-entries.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { fulcioVectorIdentity, pkiVectorIdentity } from '../signatures/trust-fixtures.ts';
import {
  candidateFromSignatureFile,
  readVectorFile,
  rekorPublicGoodKeyPath,
  vectorCandidates,
  vectorsDir,
} from '../signatures/vectors.ts';

// The containers/image vectors with the trust their README names, held as approved signer records:
// each signature must reach the state that the README's expected outcome implies.
const vectors: { vector: string; states: SignatureTrustState[] }[] = [
  { vector: 'dir-img-cosign-valid', states: ['approved'] },
  { vector: 'dir-img-cosign-valid-2', states: ['approved', 'approved'] },
  { vector: 'dir-img-cosign-valid-with-tag', states: ['approved'] },
  { vector: 'dir-img-cosign-key-rekor-valid', states: ['approved'] },
  { vector: 'dir-img-cosign-modified-manifest', states: ['invalid'] },
  { vector: 'dir-img-cosign-manifest-digest-error', states: ['invalid'] },
  { vector: 'dir-img-cosign-mixed', states: ['unknown-signer', 'approved'] },
  { vector: 'dir-img-cosign-other-attachment', states: ['ignored'] },
  { vector: 'dir-img-cosign-fulcio-rekor-valid', states: ['approved'] },
  { vector: 'dir-img-cosign-pki-valid', states: ['approved'] },
];

describe.each(engineCases)('fixture vectors with signer records on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let trust: TrustProvider;
  const now = new Date('2025-01-01T00:00:00Z');

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    handle = await openDatabase(database.target);
    trust = createTrustProvider({
      certificateAuthorities: [
        { name: 'sigstore', pem: await readVectorFile('fulcio_v1.crt.pem'), requireSigningTime: true },
        { name: 'linuxera-pki', pem: await readVectorFile('pki_root_crts.pem'), requireSigningTime: false },
      ],
      rekorKeys: [await readFile(rekorPublicGoodKeyPath, 'utf8')],
    });
    const change = { actor: null, now };
    for (const [name, file] of [
      ['cosign.pub', 'cosign.pub'],
      ['cosign2.pub', 'cosign2.pub'],
    ] as const) {
      await createSigner(
        handle.db,
        { kind: 'key', displayName: name, publicKeyPem: await readVectorFile(file), approve: true },
        change,
      );
    }
    for (const identity of [fulcioVectorIdentity, pkiVectorIdentity]) {
      await createSigner(
        handle.db,
        { kind: 'identity', displayName: identity.san, ...identity, approve: true },
        change,
      );
    }
  });

  afterAll(async () => {
    if (unavailable) return;
    await handle.close();
    await database.drop();
  });

  it.skipIf(unavailable).each(vectors)('$vector gives $states', async ({ vector, states }) => {
    const found = (await vectorCandidates(vector)).map((candidate) => ({
      subjectDigest: candidate.digest,
      candidate,
    }));

    const { entries } = await verifyAndRecordSigners(
      { context: handle, trust },
      found,
      'docker.io/lab/image',
      now,
    );
    const signers = await loadSignerFacts(handle.db);

    expect(
      entries.map(
        ({ result }) =>
          trustStateOf(
            result,
            result.signerRef === undefined ? undefined : signers.get(result.signerRef),
            'docker.io/lab/image',
            now,
          ).state,
      ),
    ).toEqual(states);
  });

  it.skipIf(unavailable)('unknown key without a log entry creates no signer', async () => {
    const before = (await loadSignerFacts(handle.db)).size;
    const bytes = await readFile(`${vectorsDir}unknown-cosign-key.signature`);
    const candidate = candidateFromSignatureFile(new Uint8Array(bytes), 'sha256:' + '0'.repeat(64));

    const { entries } = await verifyAndRecordSigners(
      { context: handle, trust },
      [{ subjectDigest: candidate.digest, candidate }],
      'docker.io/lab/image',
      now,
    );

    expect(entries.map(({ result }) => result.reason)).toEqual(['unknown-key']);
    expect((await loadSignerFacts(handle.db)).size).toBe(before);
  });
});
