import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/record.ts';
import type { AccountRole, Invitation, InvitationPreview } from '../contract/accounts.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { InvitationsTable, UsersTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import type { AuditRequest } from './audit-request.ts';
import { hashPassword, type ScryptCost } from './password.ts';
import { generateToken, hashToken } from './token-hash.ts';
import { insertUser } from './users.ts';

function toInvitation(row: InvitationsTable, now: Date): Invitation {
  const status = row.accepted_at ? 'accepted' : row.expires_at <= now.toISOString() ? 'expired' : 'open';
  return {
    id: row.id,
    role: row.role,
    note: row.note,
    status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
  };
}

/** Creates an invitation and returns its token, which is shown once and stored only as a hash. */
export async function createInvitation(
  context: DatabaseContext,
  input: { role: AccountRole; note: string; expiresInDays: number },
  audit: AuditRequest,
): Promise<{ invitation: Invitation; token: string }> {
  const token = generateToken();
  const now = new Date();
  const row: InvitationsTable = {
    id: randomUUID(),
    token_hash: hashToken(token),
    role: input.role,
    note: input.note,
    created_by: audit.actor?.name ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 24 * 60 * 60_000).toISOString(),
    accepted_at: null,
    accepted_user_id: null,
  };
  await context.db.transaction().execute(async (trx) => {
    await trx.insertInto('invitations').values(row).execute();
    await recordAuditEvent(trx, {
      ...audit,
      action: 'invitation.create',
      targetType: 'invitation',
      targetId: row.id,
      after: { role: row.role, note: row.note, expiresAt: row.expires_at },
    });
  });
  return { invitation: toInvitation(row, now), token };
}

export async function listInvitations({ db }: DatabaseContext): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const now = new Date();
  return rows.map((row) => toInvitation(row, now));
}

/** Deletes an unused invitation so its link stops working. */
export async function revokeInvitation(
  context: DatabaseContext,
  id: string,
  audit: AuditRequest,
): Promise<void> {
  await context.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not-found', `No invitation with id "${id}".`);
    if (row.accepted_at)
      throw new AppError('conflict', 'This invitation was already accepted; delete the user instead.');
    await trx.deleteFrom('invitations').where('id', '=', id).execute();
    await recordAuditEvent(trx, {
      ...audit,
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: id,
      before: { role: row.role, note: row.note, expiresAt: row.expires_at },
    });
  });
}

const unusable = () => new AppError('not-found', 'This invitation link is invalid, expired or already used.');

export async function previewInvitation({ db }: DatabaseContext, token: string): Promise<InvitationPreview> {
  const row = await db
    .selectFrom('invitations')
    .select(['role', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  if (!row) throw unusable();
  return { role: row.role, expiresAt: row.expires_at };
}

/** Creates the invited account; the invitation is claimed by one conditional update, so it works once. */
export async function acceptInvitation(
  context: DatabaseContext,
  token: string,
  account: { username: string; displayName: string; password: string },
  cost: ScryptCost,
  request: { requestId?: string; ip?: string | undefined },
): Promise<UsersTable> {
  const passwordHash = await hashPassword(account.password, cost);
  return context.db.transaction().execute(async (trx) => {
    const now = new Date();
    const claimed = await trx
      .updateTable('invitations')
      .set({ accepted_at: now.toISOString() })
      .where('token_hash', '=', hashToken(token))
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .returning(['id', 'role'])
      .executeTakeFirst();
    if (!claimed) throw unusable();

    const user = await insertUser(
      trx,
      { username: account.username, displayName: account.displayName, role: claimed.role, passwordHash },
      now,
    );
    await trx
      .updateTable('invitations')
      .set({ accepted_user_id: user.id })
      .where('id', '=', claimed.id)
      .execute();
    await recordAuditEvent(trx, {
      actor: { id: user.id, name: user.username },
      action: 'invitation.accept',
      targetType: 'invitation',
      targetId: claimed.id,
      after: { userId: user.id, username: user.username, role: user.role },
      requestId: request.requestId,
      ip: request.ip,
    });
    return user;
  });
}
