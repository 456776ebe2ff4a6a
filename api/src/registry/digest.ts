import { createHash } from 'node:crypto';
import { RegistryError } from './types.ts';

// The OCI image spec registers sha256 and sha512, both as lowercase hex, and registries use sha256.
const digestPattern = /^(sha256):([a-f0-9]{64})$|^(sha512):([a-f0-9]{128})$/;

export type DigestAlgorithm = 'sha256' | 'sha512';

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/** Splits `sha256:<hex>` or `sha512:<hex>` into algorithm and hex, or returns undefined for anything else. */
export function parseDigest(value: string): ParsedDigest | undefined {
  const match = digestPattern.exec(value);
  if (!match) return undefined;
  const algorithm = (match[1] ?? match[3]) as DigestAlgorithm;
  const hex = (match[2] ?? match[4]) as string;
  return { algorithm, hex };
}

export function isDigest(value: string): boolean {
  return digestPattern.test(value);
}

export function computeDigest(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * Checks that `bytes` hash to `expected`, with the algorithm `expected` names.
 * Throws RegistryError 'digest-mismatch' naming `description` (for example `manifest x/y:1.0`).
 */
export function verifyDigest(host: string, bytes: Uint8Array, expected: string, description: string): void {
  const parsed = parseDigest(expected);
  if (!parsed) {
    throw new RegistryError(
      'invalid-response',
      host,
      `Registry ${host} gave the invalid digest "${expected}" for ${description}; expected sha256:<64 hex digits>.`,
    );
  }
  const actual = computeDigest(bytes, parsed.algorithm);
  if (actual !== expected) {
    throw new RegistryError(
      'digest-mismatch',
      host,
      `The content of ${description} from registry ${host} hashes to ${actual}, not to the expected ${expected}.`,
    );
  }
}
