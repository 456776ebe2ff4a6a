import { describe, expect, test } from 'vitest';
import { buildSignatureTrust, verifySignature } from '../../src/signatures/index.ts';
import {
  createTestRekorLog,
  generateSigningKey,
  signBytes,
  simpleSigningPayload,
  type TestKeyType,
} from '../support/cosign/index.ts';
import { imageDigest, layerCandidate, otherDigest, signedCandidate } from './layer-candidates.ts';

const noTrust = { keys: [], identities: [], certificateAuthorities: [], rekorKeys: [] };

describe('key signatures', () => {
  test.each<TestKeyType>(['ecdsa-p256', 'ecdsa-p384', 'ed25519', 'rsa'])('%s key verifies', async (type) => {
    const key = generateSigningKey(type);
    const trust = buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] });

    const result = await verifySignature(signedCandidate({ key }), trust);

    expect(result.reason).toBe('ok');
    expect(result.signerRef).toBe(key.fingerprint);
  });

  test('P-384 signature hashed with SHA-256 verifies, as cosign signs with loaded keys', async () => {
    const key = generateSigningKey('ecdsa-p384');
    const layer = signedCandidate({ key: { ...key, type: 'ecdsa-p256' } });

    const result = await verifySignature(
      layer,
      buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('ok');
  });

  test.each<[TestKeyType, TestKeyType]>([
    ['ecdsa-p256', 'ed25519'],
    ['ed25519', 'ecdsa-p256'],
    ['rsa', 'ecdsa-p384'],
    ['ecdsa-p384', 'rsa'],
  ])('%s signature with a known %s key is unknown-key', async (signedWith, known) => {
    const trust = buildSignatureTrust({ ...noTrust, keys: [generateSigningKey(known).publicKeyPem] });

    const result = await verifySignature(signedCandidate({ key: generateSigningKey(signedWith) }), trust);

    expect(result.reason).toBe('unknown-key');
  });

  test('two signers are told apart', async () => {
    const first = generateSigningKey('ecdsa-p256');
    const second = generateSigningKey('ed25519');
    const trust = buildSignatureTrust({ ...noTrust, keys: [first.publicKeyPem, second.publicKeyPem] });

    const results = await Promise.all([
      verifySignature(signedCandidate({ key: first }), trust),
      verifySignature(signedCandidate({ key: second }), trust),
    ]);

    expect(results.map((result) => result.signerRef)).toEqual([first.fingerprint, second.fingerprint]);
  });

  test('signature copied onto another digest is a digest mismatch', async () => {
    const key = generateSigningKey();

    const result = await verifySignature(
      signedCandidate({ key, digest: otherDigest }),
      buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('digest-mismatch');
    expect(result.claims?.dockerManifestDigest).toBe(otherDigest);
  });

  test('capitalised Docker-manifest-digest key is accepted', async () => {
    const key = generateSigningKey();

    const result = await verifySignature(
      signedCandidate({ key, capitalisedDigestKey: true }),
      buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('ok');
  });

  test('payload of another critical.type is not a signature', async () => {
    const key = generateSigningKey();

    const result = await verifySignature(
      signedCandidate({ key, type: 'atomic container signature' }),
      buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('not-a-signature');
  });

  test('payload changed after signing is unknown-key', async () => {
    const key = generateSigningKey();
    const candidate = signedCandidate({ key });
    candidate.payload = simpleSigningPayload({ digest: imageDigest, dockerReference: 'evil.example/other' });

    const result = await verifySignature(
      candidate,
      buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] }),
    );

    expect(result.reason).toBe('unknown-key');
    expect(result.status).toBe('unverifiable');
  });
});

describe('payload and annotation errors', () => {
  const key = generateSigningKey();
  const trust = buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem] });
  const signedPayload = (payload: Uint8Array) =>
    layerCandidate({
      payload,
      annotations: {
        'dev.cosignproject.cosign/signature': Buffer.from(signBytes(key, payload)).toString('base64'),
      },
    });
  const valid = simpleSigningPayload({ digest: imageDigest });
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  test.each([
    { case: 'truncated payload', payload: valid.slice(0, valid.length - 5), reason: 'malformed-payload' },
    {
      case: 'payload that is not UTF-8',
      payload: new Uint8Array([0xff, 0xfe, 0x7b]),
      reason: 'malformed-payload',
    },
    { case: 'empty payload', payload: new Uint8Array(), reason: 'malformed-payload' },
    { case: 'JSON array payload', payload: json([1, 2]), reason: 'malformed-payload' },
    { case: 'payload without critical', payload: json({ optional: {} }), reason: 'malformed-payload' },
    {
      case: 'payload without image',
      payload: json({ critical: { type: 'cosign container image signature' } }),
      reason: 'malformed-payload',
    },
    {
      case: 'digest that is not a digest',
      payload: json({
        critical: { type: 'cosign container image signature', image: { 'docker-manifest-digest': 'latest' } },
      }),
      reason: 'malformed-payload',
    },
    {
      case: 'two different digest keys',
      payload: json({
        critical: {
          type: 'cosign container image signature',
          image: { 'docker-manifest-digest': imageDigest, 'Docker-manifest-digest': otherDigest },
        },
      }),
      reason: 'malformed-payload',
    },
    {
      case: 'docker-reference that is a number',
      payload: json({
        critical: {
          type: 'cosign container image signature',
          identity: { 'docker-reference': 5 },
          image: { 'docker-manifest-digest': imageDigest },
        },
      }),
      reason: 'malformed-payload',
    },
    {
      case: 'optional that is a string',
      payload: json({
        critical: {
          type: 'cosign container image signature',
          image: { 'docker-manifest-digest': imageDigest },
        },
        optional: 'x',
      }),
      reason: 'malformed-payload',
    },
  ])('$case is $reason', async ({ payload, reason }) => {
    const result = await verifySignature(signedPayload(payload), trust);

    expect(result.reason).toBe(reason);
    expect(result.status).not.toBe('valid');
  });

  test.each<{ case: string; annotations: Record<string, string> }>([
    { case: 'missing signature annotation', annotations: {} },
    { case: 'empty signature annotation', annotations: { 'dev.cosignproject.cosign/signature': '' } },
    {
      case: 'signature that is not base64',
      annotations: { 'dev.cosignproject.cosign/signature': 'not base64!' },
    },
    {
      case: 'certificate annotation that is not PEM',
      annotations: {
        'dev.cosignproject.cosign/signature': 'AAAA',
        'dev.sigstore.cosign/certificate': 'garbage',
      },
    },
    {
      case: 'certificate annotation with a corrupt DER body',
      annotations: {
        'dev.cosignproject.cosign/signature': 'AAAA',
        'dev.sigstore.cosign/certificate': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      },
    },
    {
      case: 'bundle annotation that is not JSON',
      annotations: { 'dev.cosignproject.cosign/signature': 'AAAA', 'dev.sigstore.cosign/bundle': '{' },
    },
    {
      case: 'bundle annotation without a SET',
      annotations: {
        'dev.cosignproject.cosign/signature': 'AAAA',
        'dev.sigstore.cosign/bundle': '{"Payload":{}}',
      },
    },
  ])('$case is malformed', async ({ annotations }) => {
    const result = await verifySignature(layerCandidate({ payload: valid, annotations }), trust);

    expect(result.reason).toBe('malformed-payload');
  });

  test('empty certificate and chain annotations mean a key signature', async () => {
    const candidate = signedPayload(valid);
    candidate.annotations['dev.sigstore.cosign/certificate'] = '';
    candidate.annotations['dev.sigstore.cosign/chain'] = '';

    const result = await verifySignature(candidate, trust);

    expect(result.reason).toBe('ok');
    expect(result.kind).toBe('key');
  });

  test('base64 signature with line breaks verifies', async () => {
    const candidate = signedPayload(valid);
    const signature = candidate.annotations['dev.cosignproject.cosign/signature'] ?? '';
    candidate.annotations['dev.cosignproject.cosign/signature'] = signature.replace(/.{16}/g, '$&\n');

    const result = await verifySignature(candidate, trust);

    expect(result.reason).toBe('ok');
  });
});

describe('key signatures with Rekor entries', () => {
  const key = generateSigningKey();
  const log = createTestRekorLog();
  const integratedTime = new Date('2025-06-01T12:00:00Z');
  const trust = buildSignatureTrust({ ...noTrust, keys: [key.publicKeyPem], rekorKeys: [log.publicKeyPem] });

  test('verified entry keeps the signature valid', async () => {
    const result = await verifySignature(signedCandidate({ key, rekor: { log, integratedTime } }), trust);

    expect(result.reason).toBe('ok');
  });

  test('entry signed by another log is skipped', async () => {
    const result = await verifySignature(
      signedCandidate({ key, rekor: { log: createTestRekorLog(), integratedTime } }),
      trust,
    );

    expect(result.reason).toBe('ok');
  });

  test('entry with a forged SET is a bad signature', async () => {
    const candidate = signedCandidate({ key, rekor: { log, integratedTime } });
    const bundle = JSON.parse(candidate.annotations['dev.sigstore.cosign/bundle'] ?? '{}') as {
      Payload: { integratedTime: number };
    };
    bundle.Payload.integratedTime += 3600;
    candidate.annotations['dev.sigstore.cosign/bundle'] = JSON.stringify(bundle);

    const result = await verifySignature(candidate, trust);

    expect(result.reason).toBe('bad-signature');
    expect(result.status).toBe('invalid');
  });

  test('entry of another signature is a bad signature', async () => {
    const candidate = signedCandidate({ key, rekor: { log, integratedTime } });
    const other = signedCandidate({ key, rekor: { log, integratedTime }, dockerReference: 'other/image' });
    candidate.annotations['dev.sigstore.cosign/bundle'] =
      other.annotations['dev.sigstore.cosign/bundle'] ?? '';

    const result = await verifySignature(candidate, trust);

    expect(result.reason).toBe('bad-signature');
  });

  test('entry naming another key is a bad signature', async () => {
    const impostor = generateSigningKey();
    const candidate = signedCandidate({ key, rekor: { log, integratedTime } });
    const payload = candidate.payload;
    const signature = Buffer.from(
      candidate.annotations['dev.cosignproject.cosign/signature'] ?? '',
      'base64',
    );
    const entry = log.createEntry({
      payload,
      signature,
      publicKeyPem: impostor.publicKeyPem,
      integratedTime,
    });
    candidate.annotations['dev.sigstore.cosign/bundle'] = entry.cosignBundleAnnotation;

    const result = await verifySignature(candidate, trust);

    expect(result.reason).toBe('bad-signature');
  });

  test('unknown key named by the entry is reported with its fingerprint', async () => {
    const stranger = generateSigningKey('ed25519');

    const result = await verifySignature(
      signedCandidate({ key: stranger, rekor: { log, integratedTime } }),
      trust,
    );

    expect(result).toMatchObject({
      reason: 'unknown-key',
      keyFingerprint: stranger.fingerprint,
      signerRef: stranger.fingerprint,
      publicKeyPem: stranger.publicKeyPem,
    });
  });
});
