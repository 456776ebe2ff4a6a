import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/accounts/password.ts';

const cheap = { log2N: 14, blockSize: 8, parallelization: 1 };

describe('scrypt password hashes', () => {
  it('stores the parameters with a random salt', async () => {
    const first = await hashPassword('correct horse battery', cheap);
    const second = await hashPassword('correct horse battery', cheap);

    expect(first).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery', cheap);

    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('treats composed and decomposed accents as one password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait!', cheap);

    expect(await verifyPassword('cafe\u0301 au lait!', stored)).toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['another scheme', '$2b$10$abcdefghijklmnopqrstuv'],
    ['missing parts', '$scrypt$ln=14,r=8,p=1$c2FsdA'],
    ['a memory cost above the bound', '$scrypt$ln=30,r=8,p=1$c2FsdA$a2V5'],
  ])('rejects a hash with %s', async (_case, stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
