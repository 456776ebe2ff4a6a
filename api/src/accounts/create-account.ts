import { recordAuditEvent } from '../audit/record.ts';
import type { AccountRole } from '../contract/accounts.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { UsersTable } from '../db/schema.ts';
import type { AuditRequest } from './audit-request.ts';
import { hashPassword, type ScryptCost } from './password.ts';
import { endUserSessions } from './session-store.ts';
import { insertUser } from './users.ts';

export interface LocalAccount {
  username: string;
  displayName: string;
  role: AccountRole;
  password: string;
}

/**
 * Creates an account that signs in with a password. With `audit`, the creation is recorded as
 * `user.create` in the same transaction (admin and command-line creations); self sign-up passes none.
 */
export async function createLocalAccount(
  context: DatabaseContext,
  account: LocalAccount,
  options: { cost: ScryptCost; audit?: AuditRequest },
): Promise<UsersTable> {
  const passwordHash = await hashPassword(account.password, options.cost);
  const audit = options.audit;
  return context.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, { ...account, passwordHash });
    if (audit) {
      await recordAuditEvent(trx, {
        ...audit,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: { username: user.username, displayName: user.display_name, role: user.role },
      });
    }
    return user;
  });
}

/**
 * Replaces a user's password hash and ends the user's other sessions in the same transaction, so that
 * a browser signed in with the old password (perhaps someone else's) is signed out. The session
 * `keepSessionId` stays signed in. Returns how many sessions ended.
 */
export async function setPassword(
  { db }: DatabaseContext,
  userId: string,
  password: string,
  cost: ScryptCost,
  keepSessionId?: string,
): Promise<number> {
  const passwordHash = await hashPassword(password, cost);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where('id', '=', userId)
      .execute();
    return endUserSessions(trx, userId, keepSessionId);
  });
}
