import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { SignatureReason } from '../../src/contract/signature.ts';
import { statusForReason, verifySignature } from '../../src/signatures/index.ts';
import { fulcioVectorIdentity, pkiVectorIdentity, vectorTrust } from './trust-fixtures.ts';
import {
  candidateFromSignatureFile,
  readVectorFile,
  vectorCandidates,
  vectorDigest,
  vectorsDir,
} from './vectors.ts';

const cosignKeyFingerprint = 'c87a79018f346cc02482448b77296b0bea143ef2ccab99b04776fb0f638f301f';
const cosign2KeyFingerprint = '5e7eb6c1e2e6db06470ae59ee8253b3dc4ce33beefb9a0cca06a371cfc0ebdfa';

// The expected-outcome table of the fixtures README, one reason per signature file in name order.
const vectors: { vector: string; reasons: SignatureReason[] }[] = [
  { vector: 'dir-img-cosign-valid', reasons: ['ok'] },
  { vector: 'dir-img-cosign-valid-2', reasons: ['ok', 'ok'] },
  { vector: 'dir-img-cosign-valid-with-tag', reasons: ['ok'] },
  { vector: 'dir-img-cosign-key-rekor-valid', reasons: ['ok'] },
  { vector: 'dir-img-cosign-modified-manifest', reasons: ['digest-mismatch'] },
  { vector: 'dir-img-cosign-manifest-digest-error', reasons: ['digest-mismatch'] },
  { vector: 'dir-img-cosign-mixed', reasons: ['unknown-key', 'ok'] },
  { vector: 'dir-img-cosign-other-attachment', reasons: ['not-a-signature'] },
  { vector: 'dir-img-cosign-fulcio-rekor-valid', reasons: ['ok'] },
  { vector: 'dir-img-cosign-pki-valid', reasons: ['ok'] },
];

describe('containers/image signature vectors', () => {
  test.each(vectors)('$vector gives $reasons', async ({ vector, reasons }) => {
    const trust = await vectorTrust();

    const results = await Promise.all(
      (await vectorCandidates(vector)).map((entry) => verifySignature(entry, trust)),
    );

    expect(results.map((result) => result.reason)).toEqual(reasons);
    expect(results.map((result) => result.status)).toEqual(reasons.map(statusForReason));
  });

  test('valid vector names the cosign.pub signer and the claims', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-valid');

    const result = await verifySignature(candidate!, await vectorTrust());

    expect(result).toMatchObject({
      status: 'valid',
      kind: 'key',
      source: 'cosign-tag',
      keyFingerprint: cosignKeyFingerprint,
      signerRef: cosignKeyFingerprint,
      claims: {
        dockerReference: '192.168.64.2:5000/cosign-signed-single-sample',
        dockerManifestDigest: await vectorDigest('dir-img-cosign-valid'),
      },
    });
  });

  test('valid-with-tag reports the optional annotations', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-valid-with-tag');

    const result = await verifySignature(candidate!, await vectorTrust());

    expect(result.claims?.annotations).toEqual({
      creator: 'containers/image 5.21.2-dev',
      timestamp: 1657296609,
    });
  });

  test('modified manifest names both digests', async () => {
    const digest = await vectorDigest('dir-img-cosign-modified-manifest');
    const [candidate] = await vectorCandidates('dir-img-cosign-modified-manifest');

    const result = await verifySignature(candidate!, await vectorTrust());

    expect(result.status).toBe('invalid');
    expect(result.reasonText).toContain(digest);
    expect(result.reasonText).toContain(
      'sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00',
    );
  });

  test('key-rekor-valid without cosign2.pub is unknown-key', async () => {
    const trust = await vectorTrust({ keys: [await readVectorFile('cosign.pub')] });
    const [candidate] = await vectorCandidates('dir-img-cosign-key-rekor-valid');

    const result = await verifySignature(candidate!, trust);

    expect(result.reason).toBe('unknown-key');
    expect(result.keyFingerprint).toBe(cosign2KeyFingerprint);
    expect(result.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  test('key-rekor-valid stays valid without Rekor keys', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-key-rekor-valid');

    const result = await verifySignature(candidate!, await vectorTrust({ rekorKeys: [] }));

    expect(result.reason).toBe('ok');
  });

  test('fulcio-rekor-valid identity comes from SAN and issuer extension', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');

    const result = await verifySignature(candidate!, await vectorTrust());

    expect(result).toMatchObject({
      status: 'valid',
      kind: 'certificate',
      signerRef: `${fulcioVectorIdentity.san}|${fulcioVectorIdentity.issuer}`,
      certificate: {
        san: 'mitr@redhat.com',
        issuer: 'https://github.com/login/oauth',
        notBefore: '2023-01-20T20:51:31.000Z',
        notAfter: '2023-01-20T21:01:31.000Z',
        logEntryTime: '2023-01-20T20:51:33.000Z',
        signingTimeSource: 'rekor',
      },
    });
  });

  test('fulcio-rekor-valid without Rekor keys has no signing time', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');

    const result = await verifySignature(candidate!, await vectorTrust({ rekorKeys: [] }));

    expect(result.reason).toBe('no-signing-time');
    expect(result.status).toBe('unverifiable');
  });

  test.each([
    { case: 'SAN with a prefix', san: 'xmitr@redhat.com', issuer: fulcioVectorIdentity.issuer },
    { case: 'SAN with a suffix', san: 'mitr@redhat.com.evil', issuer: fulcioVectorIdentity.issuer },
    { case: 'SAN as a substring', san: 'itr@redhat.co', issuer: fulcioVectorIdentity.issuer },
    { case: 'SAN in other case', san: 'MITR@redhat.com', issuer: fulcioVectorIdentity.issuer },
    { case: 'SAN as a regular expression', san: '.*@redhat.com', issuer: fulcioVectorIdentity.issuer },
    {
      case: 'issuer with a trailing slash',
      san: fulcioVectorIdentity.san,
      issuer: 'https://github.com/login/oauth/',
    },
    { case: 'another issuer', san: fulcioVectorIdentity.san, issuer: 'https://accounts.google.com' },
  ])('fulcio-rekor-valid does not match an identity with $case', async ({ san, issuer }) => {
    const [candidate] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');

    const result = await verifySignature(candidate!, await vectorTrust({ identities: [{ san, issuer }] }));

    expect(result.reason).toBe('identity-mismatch');
    expect(result.signerRef).toBe(`${fulcioVectorIdentity.san}|${fulcioVectorIdentity.issuer}`);
  });

  test('fulcio-rekor-valid is untrusted without the Fulcio root', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-fulcio-rekor-valid');
    const trust = await vectorTrust({
      certificateAuthorities: [
        { name: 'pki', pem: await readVectorFile('pki_root_crts.pem'), requireSigningTime: true },
      ],
    });

    const result = await verifySignature(candidate!, trust);

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('pki-valid is verified against the PKI root at verification time', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-pki-valid');

    const result = await verifySignature(candidate!, await vectorTrust(), {
      now: new Date('2030-01-01T00:00:00Z'),
    });

    expect(result).toMatchObject({
      status: 'valid',
      signerRef: `${pkiVectorIdentity.san}|${pkiVectorIdentity.issuer}`,
      certificate: { san: 'qiwan@redhat.com', signingTimeSource: 'verification-time' },
    });
  });

  test('pki-valid also matches its DNS SAN', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-pki-valid');
    const identities = [{ san: 'myhost.example.com', issuer: pkiVectorIdentity.issuer }];

    const result = await verifySignature(candidate!, await vectorTrust({ identities }));

    expect(result.reason).toBe('ok');
    expect(result.certificate?.san).toBe('myhost.example.com');
  });

  test('pki-valid needs a signing time when its authority requires one', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-pki-valid');
    const trust = await vectorTrust({
      certificateAuthorities: [
        { name: 'pki', pem: await readVectorFile('pki_root_crts.pem'), requireSigningTime: true },
      ],
    });

    const result = await verifySignature(candidate!, trust);

    expect(result.reason).toBe('no-signing-time');
  });

  test('pki-valid is untrusted after its chain expired', async () => {
    const [candidate] = await vectorCandidates('dir-img-cosign-pki-valid');

    const result = await verifySignature(candidate!, await vectorTrust(), {
      now: new Date('2060-01-01T00:00:00Z'),
    });

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('unknown-cosign-key.signature is from an unknown signer', async () => {
    const bytes = await readFile(`${vectorsDir}unknown-cosign-key.signature`);
    const candidate = candidateFromSignatureFile(bytes, await vectorDigest('dir-img-cosign-valid'));

    const result = await verifySignature(candidate, await vectorTrust());

    expect(result.reason).toBe('unknown-key');
    expect(result.status).toBe('unverifiable');
    expect(result.keyFingerprint).toBeUndefined();
  });

  test('some-rsa-key.pub verifies none of the ECDSA vectors', async () => {
    const trust = await vectorTrust({ keys: [await readVectorFile('some-rsa-key.pub')] });
    const [candidate] = await vectorCandidates('dir-img-cosign-valid');

    const result = await verifySignature(candidate!, trust);

    expect(result.reason).toBe('unknown-key');
  });
});
