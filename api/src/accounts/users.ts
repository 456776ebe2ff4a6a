import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { recordAuditEvent } from '../audit/record.ts';
import type { AccountRole, User } from '../contract/accounts.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database, UsersTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import type { SessionUser } from '../http/auth.ts';
import type { AuditRequest } from './audit-request.ts';
import { endUserSessions } from './session-store.ts';
import { isUniqueViolation } from './unique-violation.ts';

export function toSessionUser(row: UsersTable): SessionUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
}

export function toUserView(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    signInMethod: row.password_hash === null && row.oidc_subject !== null ? 'oidc' : 'password',
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

export interface NewUser {
  username: string;
  displayName: string;
  role: AccountRole;
  passwordHash: string | null;
  oidc?: { issuer: string; subject: string };
}

/** Inserts an account; a taken username is a `conflict` error that names it. */
export async function insertUser(
  db: Kysely<Database>,
  user: NewUser,
  now: Date = new Date(),
): Promise<UsersTable> {
  const row: UsersTable = {
    id: randomUUID(),
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    oidc_issuer: user.oidc?.issuer ?? null,
    oidc_subject: user.oidc?.subject ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    last_sign_in_at: null,
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `The username "${user.username}" is already taken; choose another.`, {
        field: 'username',
      });
    }
    throw error;
  }
  return row;
}

export function findUserById(db: Kysely<Database>, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Kysely<Database>, username: string): Promise<UsersTable | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function listUsers({ db }: DatabaseContext): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUserView);
}

export async function adminExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function otherAdminCount(trx: Transaction<Database>, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function lockedUser(
  trx: Transaction<Database>,
  context: DatabaseContext,
  id: string,
): Promise<UsersTable> {
  // In PostgreSQL the admin rows are locked so two admins demoting each other at once cannot leave none.
  let query = trx.selectFrom('users').selectAll().where('id', '=', id);
  if (context.engine === 'postgres') query = query.forUpdate();
  const user = await query.executeTakeFirst();
  if (!user) throw new AppError('not-found', `No user with id "${id}".`);
  if (context.engine === 'postgres') {
    await trx.selectFrom('users').select('id').where('role', '=', 'admin').forUpdate().execute();
  }
  return user;
}

export interface UserChange {
  role?: AccountRole | undefined;
  displayName?: string | undefined;
}

/**
 * Changes a user's role or display name and audits each change; the last admin cannot be demoted.
 * Demoting an admin ends that user's sessions, except `keepSessionId` (an admin demoting themselves
 * stays signed in), because accounts are often demoted after they were compromised. Promotions need
 * no sign-out, because each request reads the role from the database.
 */
export async function updateUser(
  context: DatabaseContext,
  id: string,
  change: UserChange,
  audit: AuditRequest,
  keepSessionId?: string,
): Promise<User> {
  return context.db.transaction().execute(async (trx) => {
    const before = await lockedUser(trx, context, id);
    if (change.role === 'reviewer' && before.role === 'admin' && (await otherAdminCount(trx, id)) === 0) {
      throw new AppError('conflict', `${before.username} is the only admin; make another user admin first.`);
    }
    const now = new Date().toISOString();
    const next = {
      role: change.role ?? before.role,
      display_name: change.displayName ?? before.display_name,
    };
    await trx
      .updateTable('users')
      .set({ ...next, updated_at: now })
      .where('id', '=', id)
      .execute();

    if (next.role !== before.role) {
      const endedSessions = next.role === 'reviewer' ? await endUserSessions(trx, id, keepSessionId) : 0;
      await recordAuditEvent(trx, {
        ...audit,
        action: 'user.role-change',
        targetType: 'user',
        targetId: id,
        before: { username: before.username, role: before.role },
        after: { username: before.username, role: next.role, endedSessions },
      });
    }
    if (next.display_name !== before.display_name) {
      await recordAuditEvent(trx, {
        ...audit,
        action: 'user.rename',
        targetType: 'user',
        targetId: id,
        before: { displayName: before.display_name },
        after: { displayName: next.display_name },
      });
    }
    return toUserView({ ...before, ...next, updated_at: now });
  });
}

/** Work other features do in the deleting transaction, such as removing the user's reviews. */
export type UserDeletionHook = (trx: Transaction<Database>, userId: string) => Promise<void>;

/**
 * Deletes an account with its sessions (so it is signed out at once) and runs `hooks` in the same
 * transaction. The last admin cannot be deleted.
 */
export async function deleteUser(
  context: DatabaseContext,
  id: string,
  audit: AuditRequest,
  hooks: readonly UserDeletionHook[] = [],
): Promise<void> {
  await context.db.transaction().execute(async (trx) => {
    const user = await lockedUser(trx, context, id);
    if (user.role === 'admin' && (await otherAdminCount(trx, id)) === 0) {
      throw new AppError('conflict', `${user.username} is the only admin and cannot be deleted.`);
    }
    for (const hook of hooks) await hook(trx, id);
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('users').where('id', '=', id).execute();
    await recordAuditEvent(trx, {
      ...audit,
      action: 'user.delete',
      targetType: 'user',
      targetId: id,
      before: { username: user.username, displayName: user.display_name, role: user.role },
    });
  });
}
