import { createHash, createPublicKey, constants, verify, type KeyObject } from 'node:crypto';

/** Smallest RSA modulus accepted; cosign and Fulcio reject shorter keys as well. */
const minRsaBits = 2048;

/** A public key that can verify cosign signatures, with its signer fingerprint. */
export interface PublicKeyInfo {
  key: KeyObject;
  /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo. */
  fingerprint: string;
  /** For example `ecdsa-p256`, `rsa-4096`, `rsa-pss-2048`, `ed25519`. */
  algorithm: string;
  /** SPKI PEM as Node writes it, whatever form the input had. */
  pem: string;
}

const curveNames: Record<string, string> = {
  prime256v1: 'p256',
  secp384r1: 'p384',
  secp521r1: 'p521',
};

/**
 * Describes a key object, or returns a message saying why cosign signatures cannot be checked with it.
 * Accepted: ECDSA P-256/P-384/P-521, RSA (PKCS #1 v1.5 or PSS) of at least 2048 bits, Ed25519.
 */
export function describeKeyObject(key: KeyObject): PublicKeyInfo | string {
  if (key.type !== 'public') return 'expected a public key, found a private or secret key';

  const algorithm = algorithmName(key);
  if (algorithm.startsWith('unsupported:')) return algorithm.slice('unsupported:'.length);

  const der = key.export({ type: 'spki', format: 'der' });
  return {
    key,
    fingerprint: createHash('sha256').update(der).digest('hex'),
    algorithm,
    pem: key.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function algorithmName(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = curveNames[details.namedCurve ?? ''];
      return curve === undefined
        ? `unsupported:elliptic curve ${details.namedCurve ?? '(unnamed)'} is not one of P-256, P-384, P-521`
        : `ecdsa-${curve}`;
    }
    case 'rsa':
    case 'rsa-pss': {
      const bits = details.modulusLength ?? 0;
      if (bits < minRsaBits) return `unsupported:RSA key of ${bits} bits is shorter than ${minRsaBits} bits`;
      return key.asymmetricKeyType === 'rsa' ? `rsa-${bits}` : `rsa-pss-${bits}`;
    }
    case 'ed25519':
      return 'ed25519';
    default:
      return `unsupported:key type ${key.asymmetricKeyType ?? '(unknown)'} is not ECDSA, RSA or Ed25519`;
  }
}

/**
 * Parses one PEM `PUBLIC KEY` block (SubjectPublicKeyInfo). Private keys and certificates are rejected
 * rather than converted, so that a misplaced secret never ends up stored as a signer key.
 */
export function parsePublicKeyPem(pem: string): PublicKeyInfo | string {
  const blocks = pem.match(/-----BEGIN ([A-Z0-9 ]+)-----/g) ?? [];
  if (blocks.length !== 1 || blocks[0] !== '-----BEGIN PUBLIC KEY-----') {
    return 'expected exactly one "-----BEGIN PUBLIC KEY-----" PEM block';
  }

  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    // OpenSSL's own text (such as "DECODER routines::unsupported") would reach the signer form.
    return 'the PEM block does not contain a valid DER SubjectPublicKeyInfo';
  }
  return describeKeyObject(key);
}

/** Parses a DER SubjectPublicKeyInfo, as certificates and Rekor entries carry it. */
export function parsePublicKeyDer(der: Uint8Array): PublicKeyInfo | string {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch (error) {
    return `not a valid DER public key (${(error as Error).message})`;
  }
  return describeKeyObject(key);
}

/**
 * Digests tried for each key type. Cosign hashes with SHA-256 for every ECDSA key it loads from a file,
 * while Sigstore clients signing with P-384 or P-521 keys use SHA-384 or SHA-512, so both are accepted.
 */
const ecdsaDigests: Record<string, string[]> = {
  prime256v1: ['sha256'],
  secp384r1: ['sha384', 'sha256'],
  secp521r1: ['sha512', 'sha256'],
};

/**
 * Checks a signature over the exact `data` bytes with the signature schemes cosign uses for the key's
 * type: ECDSA with ASN.1 DER signatures, RSA PKCS #1 v1.5 or PSS with SHA-256, pure Ed25519.
 * Returns false, never throws, for a malformed signature or a key the scheme cannot use.
 */
export function verifyWithPublicKey(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    switch (key.asymmetricKeyType) {
      case 'ec': {
        const digests = ecdsaDigests[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? [];
        return digests.some((digest) => verify(digest, data, { key, dsaEncoding: 'der' }, signature));
      }
      case 'rsa':
        return (
          verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature) ||
          verify(
            'sha256',
            data,
            { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
            signature,
          )
        );
      case 'rsa-pss':
        return verify(
          'sha256',
          data,
          { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
          signature,
        );
      case 'ed25519':
        // NOTE: pure Ed25519 only; an Ed25519ph (pre-hashed) signature fails this check.
        return verify(null, data, key, signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
