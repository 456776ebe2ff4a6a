import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildSignatureTrust,
  verifySignature,
  type SignatureTrustConfig,
} from '../../src/signatures/index.ts';
import {
  createCertificate,
  createCertificateAuthority,
  createTestRekorLog,
  type CertificateOptions,
  type TestCertificateAuthority,
  type TestRekorLog,
} from '../support/cosign/index.ts';
import { otherDigest, signedCandidate } from './layer-candidates.ts';

const issuer = 'https://token.actions.example.org';
const san = 'https://example.org/lab/plugins/.github/workflows/release.yml@refs/heads/main';
const signedAt = new Date('2025-03-10T09:00:00Z');
const minute = 60_000;

let authority: TestCertificateAuthority;
let log: TestRekorLog;

beforeAll(async () => {
  authority = await createCertificateAuthority('test-fulcio', new Date('2024-01-01T00:00:00Z'));
  log = createTestRekorLog();
});

function trustConfig(overrides: Partial<SignatureTrustConfig> = {}): SignatureTrustConfig {
  return {
    keys: [],
    identities: [{ san, issuer }],
    certificateAuthorities: [{ name: 'test-fulcio', pem: authority.root.pem, requireSigningTime: true }],
    rekorKeys: [log.publicKeyPem],
    ...overrides,
  };
}

/** Returns options for a ten-minute leaf issued just before `signedAt`, like Fulcio's. */
function leafOptions(overrides: Partial<CertificateOptions> = {}): Omit<CertificateOptions, 'issuer' | 'ca'> {
  return {
    notBefore: new Date(signedAt.getTime() - minute),
    notAfter: new Date(signedAt.getTime() + 9 * minute),
    uris: [san],
    oidcIssuer: issuer,
    ...overrides,
  };
}

async function keylessCandidate(options: {
  leaf?: Partial<CertificateOptions>;
  integratedTime?: Date | null;
  digest?: string;
}) {
  const leaf = await authority.issueLeaf(leafOptions(options.leaf));
  const integratedTime = options.integratedTime === undefined ? signedAt : options.integratedTime;
  return signedCandidate({
    key: leaf.key,
    digest: options.digest,
    certificate: { leaf, chain: [authority.intermediate, authority.root] },
    rekor: integratedTime === null ? undefined : { log, integratedTime },
  });
}

describe('certificate signatures', () => {
  test('Fulcio-like signature with a Rekor entry is valid', async () => {
    const result = await verifySignature(await keylessCandidate({}), buildSignatureTrust(trustConfig()));

    expect(result).toMatchObject({
      status: 'valid',
      kind: 'certificate',
      signerRef: `${san}|${issuer}`,
      certificate: { san, issuer, logEntryTime: signedAt.toISOString(), signingTimeSource: 'rekor' },
    });
  });

  test('deprecated issuer extension 1.1 is read', async () => {
    const candidate = await keylessCandidate({ leaf: { oidcIssuerExtension: 'v1' } });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('ok');
  });

  test.each([
    { case: 'SAN prefix', identity: { san: san.slice(0, -5), issuer } },
    { case: 'SAN suffix', identity: { san: `${san}/extra`, issuer } },
    { case: 'SAN pattern', identity: { san: 'https://example.org/lab/.*', issuer } },
    { case: 'issuer prefix', identity: { san, issuer: 'https://token.actions.example' } },
    { case: 'other issuer', identity: { san, issuer: 'https://accounts.example.com' } },
    { case: 'swapped fields', identity: { san: issuer, issuer: san } },
  ])('identity matching only by $case is an identity mismatch', async ({ identity }) => {
    const trust = buildSignatureTrust(trustConfig({ identities: [identity] }));

    const result = await verifySignature(await keylessCandidate({}), trust);

    expect(result.reason).toBe('identity-mismatch');
    expect(result.status).toBe('unverifiable');
  });

  test('identity mismatch still reports the certificate identity', async () => {
    const trust = buildSignatureTrust(trustConfig({ identities: [] }));

    const result = await verifySignature(await keylessCandidate({}), trust);

    expect(result.signerRef).toBe(`${san}|${issuer}`);
    expect(result.certificate?.san).toBe(san);
  });

  test.each([
    { case: 'before the certificate was valid', integratedTime: new Date(signedAt.getTime() - 2 * minute) },
    { case: 'after the certificate expired', integratedTime: new Date(signedAt.getTime() + 30 * minute) },
  ])('Rekor time $case is certificate-expired-at-signing', async ({ integratedTime }) => {
    const result = await verifySignature(
      await keylessCandidate({ integratedTime }),
      buildSignatureTrust(trustConfig()),
    );

    expect(result.reason).toBe('certificate-expired-at-signing');
    expect(result.status).toBe('invalid');
  });

  test('signature without a Rekor entry has no signing time', async () => {
    const result = await verifySignature(
      await keylessCandidate({ integratedTime: null }),
      buildSignatureTrust(trustConfig()),
    );

    expect(result.reason).toBe('no-signing-time');
  });

  test('Rekor entry from an unconfigured log gives no signing time', async () => {
    const trust = buildSignatureTrust(trustConfig({ rekorKeys: [createTestRekorLog().publicKeyPem] }));

    const result = await verifySignature(await keylessCandidate({}), trust);

    expect(result.reason).toBe('no-signing-time');
  });

  test('certificate from another authority is untrusted', async () => {
    const stranger = await createCertificateAuthority('stranger', new Date('2024-01-01T00:00:00Z'));
    const leaf = await stranger.issueLeaf(leafOptions());
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [stranger.intermediate, stranger.root] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('self-signed certificate is untrusted', async () => {
    const leaf = await createCertificate({ ...leafOptions(), commonName: 'self' });
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('chain without the intermediate is untrusted', async () => {
    const leaf = await authority.issueLeaf(leafOptions());
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('intermediate configured as an anchor verifies a leaf without a chain', async () => {
    const leaf = await authority.issueLeaf(leafOptions());
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [] },
      rekor: { log, integratedTime: signedAt },
    });
    const anchors = [
      { name: 'fulcio', pem: authority.intermediate.pem + authority.root.pem, requireSigningTime: true },
    ];

    const result = await verifySignature(
      candidate,
      buildSignatureTrust(trustConfig({ certificateAuthorities: anchors })),
    );

    expect(result.reason).toBe('ok');
  });

  test('leaf issued by a leaf is untrusted', async () => {
    const middle = await authority.issueLeaf(leafOptions({ commonName: 'not a CA' }));
    const leaf = await createCertificate({ ...leafOptions(), issuer: middle });
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [middle, authority.intermediate] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('intermediate beyond the path length constraint is untrusted', async () => {
    const extra = await createCertificate({
      commonName: 'extra intermediate',
      issuer: authority.intermediate,
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2030-01-01T00:00:00Z'),
      ca: {},
    });
    const leaf = await createCertificate({ ...leafOptions(), issuer: extra });
    const candidate = signedCandidate({
      key: leaf.key,
      certificate: { leaf, chain: [extra, authority.intermediate] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
    expect(result.reasonText).toContain('path length');
  });

  test('leaf without code signing usage is untrusted', async () => {
    const candidate = await keylessCandidate({ leaf: { extendedKeyUsages: ['1.3.6.1.5.5.7.3.1'] } });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('certificate-untrusted');
  });

  test('signature made with another key than the certificate is a bad signature', async () => {
    const leaf = await authority.issueLeaf(leafOptions());
    const other = await authority.issueLeaf(leafOptions());
    const candidate = signedCandidate({
      key: other.key,
      certificate: { leaf, chain: [authority.intermediate] },
      rekor: { log, integratedTime: signedAt },
    });

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('bad-signature');
  });

  test('Rekor entry naming another certificate is a bad signature', async () => {
    const candidate = await keylessCandidate({});
    const other = await authority.issueLeaf(leafOptions());
    const signature = Buffer.from(
      candidate.annotations['dev.cosignproject.cosign/signature'] ?? '',
      'base64',
    );
    const entry = log.createEntry({
      payload: candidate.payload,
      signature,
      publicKeyPem: other.pem,
      integratedTime: signedAt,
    });
    candidate.annotations['dev.sigstore.cosign/bundle'] = entry.cosignBundleAnnotation;

    const result = await verifySignature(candidate, buildSignatureTrust(trustConfig()));

    expect(result.reason).toBe('bad-signature');
  });

  test('certificate signature for another digest is a digest mismatch', async () => {
    const result = await verifySignature(
      await keylessCandidate({ digest: otherDigest }),
      buildSignatureTrust(trustConfig()),
    );

    expect(result.reason).toBe('digest-mismatch');
  });

  test('private CA that allows it verifies without a signing time', async () => {
    const pki = await createCertificateAuthority('lab-pki', new Date('2024-01-01T00:00:00Z'));
    const leaf = await pki.issueLeaf({
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
      emails: ['builder@lab.example.org'],
    });
    const candidate = signedCandidate({ key: leaf.key, certificate: { leaf, chain: [pki.intermediate] } });
    const trust = buildSignatureTrust(
      trustConfig({
        identities: [{ san: 'builder@lab.example.org', issuer: 'CN=lab-pki intermediate' }],
        certificateAuthorities: [{ name: 'lab-pki', pem: pki.root.pem, requireSigningTime: false }],
      }),
    );

    const result = await verifySignature(candidate, trust, { now: new Date('2026-01-01T00:00:00Z') });

    expect(result.reason).toBe('ok');
    expect(result.certificate?.signingTimeSource).toBe('verification-time');
  });
});
