import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildSignatureTrust,
  verifySignature,
  type BundleCandidate,
  type SignatureTrustConfig,
} from '../../src/signatures/index.ts';
import {
  buildBundle,
  bundleV01MediaType,
  createKeylessSigner,
  createTestRekorLog,
  generateSigningKey,
  signDsse,
  signStatement,
  type BundleOptions,
  type TestCertificate,
  type TestCertificateAuthority,
  type TestRekorLog,
} from '../support/cosign/index.ts';
import { imageDigest, otherDigest } from './layer-candidates.ts';

const san = 'release@lab.example.org';
const issuer = 'https://login.example.org';
const signedAt = new Date('2025-05-05T05:05:05Z');

let authority: TestCertificateAuthority;
let leaf: TestCertificate;
let log: TestRekorLog;

beforeAll(async () => {
  ({ authority, leaf } = await createKeylessSigner('bundle-fulcio', { san, issuer }, signedAt));
  log = createTestRekorLog();
});

function trust(overrides: Partial<SignatureTrustConfig> = {}) {
  return buildSignatureTrust({
    keys: [],
    identities: [{ san, issuer }],
    // v0.3 bundles carry only the leaf, so the intermediate is configured with the root, as Sigstore's trusted root does.
    certificateAuthorities: [
      {
        name: 'bundle-fulcio',
        pem: authority.intermediate.pem + authority.root.pem,
        requireSigningTime: true,
      },
    ],
    rekorKeys: [log.publicKeyPem],
    ...overrides,
  });
}

function candidate(bytes: Uint8Array, digest = imageDigest): BundleCandidate {
  return {
    format: 'sigstore-bundle',
    digest,
    location: { manifestDigest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` },
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    bytes,
  };
}

/** Builds a keyless cosign v3 image signature bundle with a Rekor dsse entry. */
function keylessBundle(options: { statement?: Uint8Array; logged?: boolean } & Partial<BundleOptions> = {}) {
  const envelope = signDsse(leaf.key, options.statement ?? signStatement(imageDigest));
  const entry = log.createEntry({
    payload: envelope.payload,
    signature: envelope.signature,
    publicKeyPem: leaf.pem,
    integratedTime: signedAt,
    kind: 'dsse',
  });
  return buildBundle({
    envelope,
    certificates: [leaf.der],
    logEntries: options.logged === false ? [] : [entry],
    ...options,
  });
}

describe('Sigstore bundle signatures', () => {
  test('keyless v0.3 bundle is valid', async () => {
    const result = await verifySignature(candidate(keylessBundle()), trust());

    expect(result).toMatchObject({
      status: 'valid',
      source: 'referrer-bundle',
      kind: 'certificate',
      signerRef: `${san}|${issuer}`,
      claims: { dockerManifestDigest: imageDigest },
      certificate: { logEntryTime: signedAt.toISOString() },
    });
  });

  test('v0.1 bundle with the chain inside verifies against the root alone', async () => {
    const bytes = keylessBundle({
      mediaType: bundleV01MediaType,
      certificates: [leaf.der, authority.intermediate.der],
    });
    const rootOnly = [{ name: 'root', pem: authority.root.pem, requireSigningTime: true }];

    const result = await verifySignature(candidate(bytes), trust({ certificateAuthorities: rootOnly }));

    expect(result.reason).toBe('ok');
  });

  test('key-based bundle verifies with a known key', async () => {
    const key = generateSigningKey();
    const bytes = buildBundle({ envelope: signDsse(key, signStatement(imageDigest)) });

    const result = await verifySignature(candidate(bytes), trust({ keys: [key.publicKeyPem] }));

    expect(result.reason).toBe('ok');
    expect(result.keyFingerprint).toBe(key.fingerprint);
  });

  test('bundle for another digest is a digest mismatch', async () => {
    const result = await verifySignature(candidate(keylessBundle(), otherDigest), trust());

    expect(result.reason).toBe('digest-mismatch');
  });

  test('attestation predicate is not a signature', async () => {
    const statement = signStatement(imageDigest, 'https://cosign.sigstore.dev/attestation/vuln/v1');

    const result = await verifySignature(candidate(keylessBundle({ statement })), trust());

    expect(result.reason).toBe('not-a-signature');
  });

  test('bundle without a Rekor entry has no signing time', async () => {
    const result = await verifySignature(candidate(keylessBundle({ logged: false })), trust());

    expect(result.reason).toBe('no-signing-time');
  });

  test('tampered statement is a bad signature', async () => {
    const bytes = keylessBundle();
    const bundle = JSON.parse(new TextDecoder().decode(bytes)) as { dsseEnvelope: { payload: string } };
    bundle.dsseEnvelope.payload = Buffer.from(signStatement(otherDigest)).toString('base64');

    const result = await verifySignature(
      candidate(new TextEncoder().encode(JSON.stringify(bundle))),
      trust(),
    );

    expect(result.reason).toBe('bad-signature');
  });

  test('message signature bundle is unsupported', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
        messageSignature: {
          messageDigest: { algorithm: 'SHA2_256', digest: Buffer.alloc(32, 1).toString('base64') },
          signature: Buffer.alloc(64, 2).toString('base64'),
        },
      }),
    );

    const result = await verifySignature(candidate(bytes), trust());

    expect(result.reason).toBe('unsupported');
  });

  test.each([
    { case: 'invalid JSON', text: '{"mediaType":' },
    { case: 'JSON null', text: 'null' },
    { case: 'bundle without content', text: '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}' },
    {
      case: 'unknown media type',
      text: '{"mediaType":"text/plain","verificationMaterial":{},"dsseEnvelope":{}}',
    },
  ])('$case is malformed', async ({ text }) => {
    const result = await verifySignature(candidate(new TextEncoder().encode(text)), trust());

    expect(result.reason).toBe('malformed-payload');
  });
});
