import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const vectors = path.resolve(import.meta.dirname, '../fixtures/signatures/containers-image');
const readVector = (name: string) => readFileSync(path.join(vectors, name), 'utf8');

/** Real cosign public keys and certificates from the containers/image test vectors. */
const cosignPub = readVector('cosign.pub');
const cosign2Pub = readVector('cosign2.pub');
const fulcioCertificate = readVector('fulcio-cert');
const pkiCertificate = readVector('pki-cert');
const cosignPubFingerprint = 'c87a79018f346cc02482448b77296b0bea143ef2ccab99b04776fb0f638f301f';

const ecKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Builds a PEM block with this label around random base64, as an encrypted key file looks. */
function armoured(label: string): string {
  const body =
    randomBytes(120)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`, ''].join('\n');
}

const privateKeys = [
  { case: 'PKCS #8 private key', pem: ecKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  { case: 'SEC 1 EC private key', pem: ecKey.privateKey.export({ type: 'sec1', format: 'pem' }).toString() },
  {
    case: 'PKCS #1 RSA private key',
    pem: rsaKey.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  },
  { case: 'cosign encrypted private key', pem: armoured('ENCRYPTED SIGSTORE PRIVATE KEY') },
  { case: 'OpenSSH private key', pem: armoured('OPENSSH PRIVATE KEY') },
  {
    case: 'private key after its public key',
    pem: `${cosignPub}${ecKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`,
  },
];

const cosignPubLines = cosignPub.trim().split('\n');
const damaged = [cosignPubLines[0], `${cosignPubLines[1]?.slice(0, 20)}!${cosignPubLines[1]?.slice(21)}`]
  .concat(cosignPubLines.slice(2))
  .join('\n');
const shortened = [cosignPubLines[0], cosignPubLines[1], cosignPubLines[3]].join('\n');

const invalidKeys: { case: string; pem: string; problem: string }[] = [
  { case: 'whitespace only', pem: '  \n\t ', problem: 'publicKeyPem is empty' },
  { case: 'empty text', pem: '', problem: 'publicKeyPem must not be empty' },
  {
    case: 'too long text',
    pem: 'A'.repeat(20_000),
    problem: 'publicKeyPem must be at most 16384 characters',
  },
  { case: 'Fulcio certificate', pem: fulcioCertificate, problem: 'contains a certificate, not a public key' },
  {
    case: 'private authority certificate',
    pem: pkiCertificate,
    problem: 'contains a certificate, not a public key',
  },
  { case: 'two public keys', pem: `${cosignPub}${cosign2Pub}`, problem: 'contains 2 PEM blocks' },
  {
    case: 'text before the block',
    pem: `Here is our release key:\n${cosignPub}`,
    problem: 'has text before the -----BEGIN PUBLIC KEY----- line',
  },
  {
    case: 'text after the block',
    pem: `${cosignPub}Thanks!`,
    problem: 'has text after the -----END PUBLIC KEY----- line',
  },
  {
    case: 'a block without END line',
    pem: cosignPubLines.slice(0, -1).join('\n'),
    problem: 'has no -----END PUBLIC KEY----- line',
  },
  {
    case: 'text that is not base64',
    pem: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----',
    problem: 'has invalid base64 between the BEGIN and END lines',
  },
  { case: 'a damaged base64 line', pem: damaged, problem: 'has invalid base64' },
  {
    case: 'a block missing a line',
    pem: shortened,
    problem: 'is not usable: the PEM block does not contain a valid DER SubjectPublicKeyInfo',
  },
  {
    case: 'a PKCS #1 RSA public key',
    pem: rsaKey.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    problem: 'is a PKCS #1 "RSA PUBLIC KEY" block',
  },
  {
    case: 'a PGP public key',
    pem: armoured('PGP PUBLIC KEY BLOCK'),
    problem: 'contains a "PGP PUBLIC KEY BLOCK" block, not a "PUBLIC KEY" block',
  },
  {
    case: 'an OpenSSH public key',
    pem: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ5dGVzIG9mIGFuIGV4YW1wbGUga2V5IGhlcmU= lab@example.org',
    problem: 'is an OpenSSH public key, not PEM',
  },
  {
    case: 'base64 without PEM lines',
    pem: cosignPubLines.slice(1, -1).join('\n'),
    problem: 'is not PEM: it has no -----BEGIN PUBLIC KEY----- line',
  },
  {
    case: 'a secp256k1 key',
    pem: generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString(),
    problem: 'is not usable: elliptic curve secp256k1 is not one of P-256, P-384, P-521',
  },
];

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

describe.each(engineCases)('signer public key input on $engine', ({ unavailable, create }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  async function addKey(publicKeyPem: string) {
    const response = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({ kind: 'key', displayName: 'Pasted key', publicKeyPem }),
    });
    return { status: response.status, body: (await response.json()) as ErrorBody & Signer };
  }

  function storedText() {
    const { db } = assay.server.database;
    return Promise.all([
      db.selectFrom('signers').selectAll().execute(),
      db.selectFrom('audit_events').selectAll().execute(),
    ]).then((tables) => JSON.stringify(tables));
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable).each(invalidKeys)('rejects $case with a clear message', async ({ pem, problem }) => {
    const response = await addKey(pem);
    const detail = response.body.error.details?.[0];

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid-input');
    expect(detail?.path).toBe('publicKeyPem');
    expect(detail?.message).toContain(problem);
    expect(detail?.message).toContain(
      '"PUBLIC KEY" block of an ECDSA (P-256, P-384 or P-521), Ed25519 or RSA',
    );
    expect(response.body.error.message).not.toMatch(/error:[0-9A-F]{8}|routines|DECODER|asn1/i);
  });

  it.skipIf(unavailable).each(privateKeys)('rejects a $case without echoing it', async ({ pem }) => {
    const before = await storedText();
    const secretLines = pem
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('-----'))
      .slice(-2);

    const response = await addKey(pem);
    const text = JSON.stringify(response.body);

    expect(response.status).toBe(400);
    expect(response.body.error.details?.[0]?.path).toBe('publicKeyPem');
    expect(response.body.error.message).toContain('contains a private key');
    expect(response.body.error.message).toContain('Assay did not store it');
    for (const line of secretLines) expect(text).not.toContain(line.slice(0, 24));
    expect(await storedText()).toBe(before);
  });

  const acceptedKeys = [
    { case: 'cosign.pub as the file holds it', pem: cosignPub },
    { case: 'Windows line endings', pem: cosignPub.replaceAll('\n', '\r\n') },
    {
      case: 'blank lines and indentation around it',
      pem: `\n\n   ${cosignPub.replaceAll('\n', '\n   ')}\n\n`,
    },
  ];

  it.skipIf(unavailable).each(acceptedKeys)('stores $case as one canonical block', async ({ pem }) => {
    await assay.server.database.db.deleteFrom('signers').execute();

    const response = await addKey(pem);

    expect(response.status).toBe(201);
    expect(response.body.publicKey).toEqual({
      fingerprint: cosignPubFingerprint,
      algorithm: 'ecdsa-p256',
      pem: cosignPub,
    });
  });

  it.skipIf(unavailable)('accepts every key type cosign creates', async () => {
    const keys = (['ecdsa-p256', 'ecdsa-p384', 'ed25519', 'rsa'] as const).map((type) =>
      generateSigningKey(type),
    );

    const responses = await Promise.all(keys.map((key) => addKey(key.publicKeyPem)));

    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(responses.map((response) => response.body.publicKey?.algorithm)).toEqual([
      'ecdsa-p256',
      'ecdsa-p384',
      'ed25519',
      'rsa-2048',
    ]);
  });
});
