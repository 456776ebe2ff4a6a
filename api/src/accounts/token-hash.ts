import { createHash, randomBytes } from 'node:crypto';

/** A random one-time token (256 bits, base64url). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token; only this is stored, so a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
