import { describe, expect, test } from 'vitest';
import { buildSignatureTrust, describePublicKey, SignatureTrustError } from '../../src/signatures/index.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { readVectorFile } from './vectors.ts';
import { generateKeyPairSync } from 'node:crypto';

const empty = { keys: [], identities: [], certificateAuthorities: [], rekorKeys: [] };

describe('signature trust settings', () => {
  test('describePublicKey gives the cosign.pub fingerprint', async () => {
    const description = describePublicKey(await readVectorFile('cosign.pub'));

    expect(description).toEqual({
      fingerprint: 'c87a79018f346cc02482448b77296b0bea143ef2ccab99b04776fb0f638f301f',
      algorithm: 'ecdsa-p256',
    });
  });

  test.each([
    { case: 'RSA 4096', pem: () => readVectorFile('some-rsa-key.pub'), algorithm: 'rsa-4096' },
    { case: 'Ed25519', pem: async () => generateSigningKey('ed25519').publicKeyPem, algorithm: 'ed25519' },
    {
      case: 'P-384',
      pem: async () => generateSigningKey('ecdsa-p384').publicKeyPem,
      algorithm: 'ecdsa-p384',
    },
  ])('describePublicKey names $case keys', async ({ pem, algorithm }) => {
    expect(describePublicKey(await pem())).toMatchObject({ algorithm });
  });

  test.each([
    {
      case: 'a private key',
      pem: () =>
        generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    { case: 'a certificate', pem: () => readVectorFile('fulcio_v1.crt.pem') },
    {
      case: 'two keys',
      pem: async () => generateSigningKey().publicKeyPem + generateSigningKey().publicKeyPem,
    },
    { case: 'garbage', pem: async () => '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' },
    {
      case: 'an X25519 key',
      pem: async () =>
        generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    {
      case: 'a secp256k1 key',
      pem: async () =>
        generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString(),
    },
    {
      case: 'a 1024-bit RSA key',
      pem: async () =>
        generateKeyPairSync('rsa', { modulusLength: 1024 })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString(),
    },
  ])('describePublicKey rejects $case', async ({ pem }) => {
    expect(describePublicKey(await pem())).toHaveProperty('error');
  });

  test('buildSignatureTrust lists every invalid entry', async () => {
    const config = {
      ...empty,
      keys: [generateSigningKey().publicKeyPem, 'not a key'],
      identities: [{ san: '', issuer: 'https://issuer.example' }],
      certificateAuthorities: [{ name: 'empty', pem: '', requireSigningTime: true }],
      rekorKeys: [await readVectorFile('fulcio_v1.crt.pem')],
    };

    const error = (() => {
      try {
        buildSignatureTrust(config);
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(SignatureTrustError);
    expect((error as SignatureTrustError).problems.map((problem) => problem.split(':')[0])).toEqual([
      'keys[1]',
      'identities[0].san',
      'certificateAuthorities[0].pem',
      'rekorKeys[0]',
    ]);
  });

  test('buildSignatureTrust derives Rekor log IDs from the key', async () => {
    const { readFile } = await import('node:fs/promises');
    const { rekorPublicGoodKeyPath } = await import('./vectors.ts');

    const trust = buildSignatureTrust({
      ...empty,
      rekorKeys: [await readFile(rekorPublicGoodKeyPath, 'utf8')],
    });

    expect(trust.rekorKeys[0]?.logId).toBe(
      'c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d',
    );
  });
});
