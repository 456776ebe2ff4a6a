import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export type TestKeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'ed25519' | 'rsa';

/** A signing key pair as cosign would generate it, with the public key in the forms Assay stores. */
export interface TestSigningKey {
  type: TestKeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo. */
  fingerprint: string;
}

/** Generates a key pair; ECDSA P-256 is cosign's default. RSA keys are 2048 bits to keep tests fast. */
export function generateSigningKey(type: TestKeyType = 'ecdsa-p256'): TestSigningKey {
  const pair =
    type === 'ecdsa-p256'
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : type === 'ecdsa-p384'
        ? generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
        : type === 'ed25519'
          ? generateKeyPairSync('ed25519')
          : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = pair.publicKey.export({ type: 'spki', format: 'der' });
  return {
    type,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
  };
}

/**
 * Signs bytes as cosign does for the key's type: ECDSA with the curve's SHA-2 digest and a DER signature,
 * RSA PKCS #1 v1.5 with SHA-256, pure Ed25519.
 */
export function signBytes(key: Pick<TestSigningKey, 'type' | 'privateKey'>, data: Uint8Array): Uint8Array {
  switch (key.type) {
    case 'ecdsa-p256':
      return new Uint8Array(sign('sha256', data, { key: key.privateKey, dsaEncoding: 'der' }));
    case 'ecdsa-p384':
      return new Uint8Array(sign('sha384', data, { key: key.privateKey, dsaEncoding: 'der' }));
    case 'ed25519':
      return new Uint8Array(sign(null, data, key.privateKey));
    case 'rsa':
      return new Uint8Array(sign('sha256', data, key.privateKey));
  }
}
