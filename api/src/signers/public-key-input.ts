import { publicKeyPemFormat } from '../contract/signer-input.ts';
import { describePublicKey } from '../signatures/index.ts';

/** A pasted public key that can verify cosign signatures, rewritten as one canonical PEM block. */
export interface CheckedPublicKey {
  /** `-----BEGIN PUBLIC KEY-----`, the base64 body in 64-character lines, the END line. */
  pem: string;
  fingerprint: string;
  algorithm: string;
}

const beginPublicKey = '-----BEGIN PUBLIC KEY-----';
const endPublicKey = '-----END PUBLIC KEY-----';

/** PEM labels (RFC 7468) are upper-case words, and 40 characters fit every label in common use. */
const beginLinePattern = /-----BEGIN ([A-Z0-9 ]{1,40})-----/g;
const openSshKeyPattern = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+)\s/;

function labelsOf(text: string): string[] {
  return [...text.matchAll(beginLinePattern)].map((match) => match[1] ?? '');
}

/** Describes why pasted text is not one PUBLIC KEY block, or returns undefined when it is one. */
function structureProblem(text: string, labels: string[]): string | undefined {
  // A private key is reported before any other problem, and no message quotes the pasted text.
  if (labels.some((label) => label.includes('PRIVATE KEY'))) {
    return 'contains a private key, which must stay with its owner, and Assay did not store it. `cosign public-key --key cosign.key` prints the matching public key';
  }
  if (labels.length === 0) {
    if (openSshKeyPattern.test(text)) {
      return 'is an OpenSSH public key, not PEM; convert it with `ssh-keygen -e -m PKCS8 -f key.pub`';
    }
    return `is not PEM: it has no ${beginPublicKey} line`;
  }
  if (labels.some((label) => label.includes('CERTIFICATE'))) {
    return 'contains a certificate, not a public key. For keyless signatures add a keyless identity with the SAN and issuer instead, or extract the key with `openssl x509 -in cert.pem -pubkey -noout`';
  }
  if (labels.length > 1) {
    return `contains ${labels.length} PEM blocks; add each key as its own signer`;
  }
  if (labels[0] === 'RSA PUBLIC KEY') {
    return 'is a PKCS #1 "RSA PUBLIC KEY" block; convert it with `openssl rsa -RSAPublicKey_in -in key.pem -pubout`';
  }
  if (labels[0] !== 'PUBLIC KEY') return `contains a "${labels[0]}" block, not a "PUBLIC KEY" block`;
  return undefined;
}

/**
 * Checks a public key an administrator pasted for a new key signer. Returns the canonical PEM, its
 * fingerprint and algorithm, or a problem that starts with a verb and never contains the pasted text
 * or the crypto library's own messages.
 */
export function checkPublicKeyPem(input: string): CheckedPublicKey | { problem: string } {
  const text = input.replaceAll('\r\n', '\n').trim();
  if (text === '') return { problem: 'is empty' };

  const structure = structureProblem(text, labelsOf(text));
  if (structure !== undefined) return { problem: structure };

  const begin = text.indexOf(beginPublicKey);
  const end = text.indexOf(endPublicKey, begin);
  if (end === -1) return { problem: `has no ${endPublicKey} line, so the block is cut short` };
  if (text.slice(0, begin).trim() !== '') return { problem: `has text before the ${beginPublicKey} line` };
  if (text.slice(end + endPublicKey.length).trim() !== '') {
    return { problem: `has text after the ${endPublicKey} line` };
  }

  const body = text.slice(begin + beginPublicKey.length, end).replace(/\s+/g, '');
  if (body === '' || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    return { problem: 'has invalid base64 between the BEGIN and END lines; copy the block again, unchanged' };
  }

  const lines = body.match(/.{1,64}/g) ?? [];
  const pem = [beginPublicKey, ...lines, endPublicKey].join('\n');
  const key = describePublicKey(pem);
  if ('error' in key) return { problem: `is not usable: ${key.error}` };
  return { pem, fingerprint: key.fingerprint, algorithm: key.algorithm };
}

/** Builds the message for a rejected `publicKeyPem`: the problem, then what the field accepts. */
export function publicKeyPemMessage(problem: string): string {
  return `publicKeyPem ${problem}. Paste ${publicKeyPemFormat}.`;
}
