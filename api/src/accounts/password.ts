import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and built into Node, so no native addon is needed. The default cost is the
// minimum of the OWASP Password Storage Cheat Sheet (N=2^17, r=8, p=1), which needs 128 MiB per hash.
// Each hash stores its own parameters, so a changed default applies to new hashes and old ones still verify.

export interface ScryptCost {
  /** log2 of the CPU/memory cost N. */
  log2N: number;
  blockSize: number;
  parallelization: number;
}

export const defaultScryptCost: ScryptCost = { log2N: 17, blockSize: 8, parallelization: 1 };

const keyLength = 32;
const saltLength = 16;
const prefix = '$scrypt$';

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.log2N,
    r: cost.blockSize,
    p: cost.parallelization,
    // Node's default maxmem (32 MiB) is below what N=2^17 needs (128 * N * r bytes).
    maxmem: 256 * 2 ** cost.log2N * cost.blockSize,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password into `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (base64url parts). */
export async function hashPassword(password: string, cost: ScryptCost = defaultScryptCost): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, cost);
  const parameters = `ln=${cost.log2N},r=${cost.blockSize},p=${cost.parallelization}`;
  return `${prefix}${parameters}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parseHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  if (!stored.startsWith(prefix)) return undefined;
  const [parameters, salt, key] = stored.slice(prefix.length).split('$');
  const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parameters ?? '');
  if (!match || !salt || !key) return undefined;
  const cost = { log2N: Number(match[1]), blockSize: Number(match[2]), parallelization: Number(match[3]) };
  // Bounds keep a corrupted or planted hash from asking for gigabytes of memory.
  if (cost.log2N < 10 || cost.log2N > 20 || cost.blockSize > 32 || cost.parallelization > 16)
    return undefined;
  return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Checks a password against a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, so a sign-in for an unknown username takes as long as one with
 * a wrong password and the response time does not reveal whether the account exists.
 */
export async function verifyAgainstDummy(
  password: string,
  cost: ScryptCost = defaultScryptCost,
): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), cost);
  await verifyPassword(password, await dummyHash);
  return false;
}

/** Generates a random password for accounts an admin creates without choosing one (24 base64url characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
