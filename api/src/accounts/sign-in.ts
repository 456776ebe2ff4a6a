import type { DatabaseContext } from '../db/engine.ts';
import type { UsersTable } from '../db/schema.ts';
import { verifyAgainstDummy, verifyPassword, type ScryptCost } from './password.ts';
import { findUserByUsername } from './users.ts';

/**
 * Checks a username and password; undefined when either is wrong or the account signs in through
 * OpenID Connect only. Every path runs one scrypt derivation, so timing does not reveal which case it was.
 */
export async function authenticate(
  { db }: DatabaseContext,
  username: string,
  password: string,
  cost: ScryptCost,
): Promise<UsersTable | undefined> {
  const user = await findUserByUsername(db, username);
  if (!user?.password_hash) {
    await verifyAgainstDummy(password, cost);
    return undefined;
  }
  if (!(await verifyPassword(password, user.password_hash))) return undefined;
  return user;
}
