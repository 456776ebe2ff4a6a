import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import type {
  ApproveSignerBody,
  CreateSignerBody,
  RevokeSignerBody,
  UpdateSignerBody,
} from '../contract/signer.ts';
import type { Database, SignersTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { refreshSignatureStates } from './badges.ts';
import { isSignerExpired } from './evaluate.ts';
import { rejectPastExpiry } from './expiry.ts';
import { checkPublicKeyPem, publicKeyPemMessage } from './public-key-input.ts';
import { auditViewOf, type SignerRow } from './rows.ts';

/** Who makes a change, for the audit log; `actor` null is Assay itself (demo seeding, discovery). */
export interface ChangeContext {
  actor: AuditActor | null;
  requestId?: string;
  ip?: string;
  now: Date;
}

/** Reference of an identity signer, as verification results name it. */
export function identityRef(san: string, issuer: string): string {
  return `${san}|${issuer}`;
}

async function findSigner(db: Kysely<Database>, id: string): Promise<SignerRow> {
  const row = await db.selectFrom('signers').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppError('not-found', `No signer with id "${id}".`);
  return row;
}

async function rejectDuplicate(db: Kysely<Database>, signerRef: string, what: string): Promise<void> {
  const existing = await db
    .selectFrom('signers')
    .select(['id', 'display_name', 'status'])
    .where('signer_ref', '=', signerRef)
    .executeTakeFirst();
  if (existing !== undefined) {
    throw new AppError(
      'conflict',
      `A signer with this ${what} already exists: "${existing.display_name}" (${existing.status}). Change that signer instead.`,
      { signerId: existing.id },
    );
  }
}

/** The key or identity columns of a new signer, with the key checked; throws invalid-input naming the field. */
function identityColumns(body: CreateSignerBody) {
  if (body.kind === 'identity') {
    return {
      kind: 'identity' as const,
      signer_ref: identityRef(body.san, body.issuer),
      public_key_pem: null,
      key_fingerprint: null,
      key_algorithm: null,
      identity_san: body.san,
      identity_issuer: body.issuer,
    };
  }
  const key = checkPublicKeyPem(body.publicKeyPem);
  if ('problem' in key) {
    const message = publicKeyPemMessage(key.problem);
    throw new AppError('invalid-input', `Invalid body: ${message}`, [{ path: 'publicKeyPem', message }]);
  }
  return {
    kind: 'key' as const,
    signer_ref: key.fingerprint,
    public_key_pem: `${key.pem}\n`,
    key_fingerprint: key.fingerprint,
    key_algorithm: key.algorithm,
    identity_san: null,
    identity_issuer: null,
  };
}

/**
 * Adds a key or identity signer, pending unless `approve` is set, and audits it. Throws `conflict`
 * when the key or identity is already known, `invalid-input` for a key that cannot verify signatures
 * or an expiry that is not in the future.
 */
export async function createSigner(
  db: Kysely<Database>,
  body: CreateSignerBody,
  change: ChangeContext,
  origin: SignersTable['origin'] = 'admin',
): Promise<SignerRow> {
  const columns = identityColumns(body);
  if (body.expiresAt !== undefined) rejectPastExpiry(body.expiresAt, change.now);
  const now = change.now.toISOString();
  const approved = body.approve === true;

  return db.transaction().execute(async (trx) => {
    await rejectDuplicate(trx, columns.signer_ref, body.kind === 'key' ? 'key' : 'SAN and issuer');
    const row: SignerRow = {
      id: randomUUID(),
      ...columns,
      display_name: body.displayName,
      status: approved ? 'approved' : 'pending',
      scope: JSON.stringify(body.scope ?? []),
      expires_at: body.expiresAt === undefined ? null : new Date(body.expiresAt).toISOString(),
      status_changed_at: now,
      status_changed_by: change.actor?.name ?? null,
      status_reason: null,
      origin,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('signers').values(row).execute();
    await recordAuditEvent(
      trx,
      {
        actor: change.actor,
        action: 'signer.create',
        targetType: 'signer',
        targetId: row.id,
        after: { ...auditViewOf(row), kind: row.kind, signerRef: row.signer_ref },
        ...(change.requestId !== undefined ? { requestId: change.requestId } : {}),
        ...(change.ip !== undefined ? { ip: change.ip } : {}),
      },
      change.now,
    );
    if (approved) await refreshSignatureStates(trx, change.now, { signerRef: row.signer_ref });
    return row;
  });
}

/** Applies a change to one signer, audits it and refreshes the badges it affects, in one transaction. */
async function changeSigner(
  db: Kysely<Database>,
  id: string,
  change: ChangeContext,
  action: string,
  apply: (row: SignerRow) => Partial<SignerRow>,
  reason?: string,
): Promise<SignerRow> {
  return db.transaction().execute(async (trx) => {
    const before = await findSigner(trx, id);
    const updates = { ...apply(before), updated_at: change.now.toISOString() };
    await trx.updateTable('signers').set(updates).where('id', '=', id).execute();
    const after: SignerRow = { ...before, ...updates };
    await recordAuditEvent(
      trx,
      {
        actor: change.actor,
        action,
        targetType: 'signer',
        targetId: id,
        before: auditViewOf(before),
        after: auditViewOf(after),
        ...(reason !== undefined && reason !== '' ? { reason } : {}),
        ...(change.requestId !== undefined ? { requestId: change.requestId } : {}),
        ...(change.ip !== undefined ? { ip: change.ip } : {}),
      },
      change.now,
    );
    await refreshSignatureStates(trx, change.now, { signerRef: before.signer_ref });
    return after;
  });
}

function statusChange(change: ChangeContext, status: SignerRow['status'], reason: string | null) {
  return {
    status,
    status_changed_at: change.now.toISOString(),
    status_changed_by: change.actor?.name ?? null,
    status_reason: reason,
  };
}

/**
 * Approves a pending or revoked signer, replacing its scope when the body gives one, so that what the
 * administrator confirmed and what is stored are one change in the audit log. Throws `conflict` when it
 * is already approved, or when its expiry has passed, because such an approval would count for nothing.
 */
export function approveSigner(
  db: Kysely<Database>,
  id: string,
  body: ApproveSignerBody,
  change: ChangeContext,
): Promise<SignerRow> {
  const reason = body.reason === undefined || body.reason === '' ? null : body.reason;
  return changeSigner(
    db,
    id,
    change,
    'signer.approve',
    (row) => {
      if (row.status === 'approved') {
        throw new AppError('conflict', `Signer "${row.display_name}" is already approved.`);
      }
      if (isSignerExpired({ expiresAt: row.expires_at }, change.now)) {
        throw new AppError(
          'conflict',
          `Signer "${row.display_name}" cannot be approved because its expiry ${row.expires_at} has passed. Set a later expiry or remove it in the signer's settings, then approve it.`,
          { expiresAt: row.expires_at },
        );
      }
      return {
        ...statusChange(change, 'approved', reason),
        ...(body.scope !== undefined ? { scope: JSON.stringify(body.scope) } : {}),
      };
    },
    reason ?? undefined,
  );
}

/**
 * Revokes a signer with the reason the body gives. Every signature it made counts as revoked from the
 * moment the transaction commits; throws `conflict` when it is already revoked.
 */
export function revokeSigner(
  db: Kysely<Database>,
  id: string,
  body: RevokeSignerBody,
  change: ChangeContext,
): Promise<SignerRow> {
  return changeSigner(
    db,
    id,
    change,
    'signer.revoke',
    (row) => {
      if (row.status === 'revoked') {
        throw new AppError('conflict', `Signer "${row.display_name}" is already revoked.`);
      }
      return statusChange(change, 'revoked', body.reason);
    },
    body.reason,
  );
}

/**
 * Changes a signer's display name, scope or expiry; `expiresAt: null` removes the expiry. A new expiry
 * must be in the future (`invalid-input`), while an unchanged one may have passed already, so that an
 * expired signer can still be renamed.
 */
export function updateSigner(
  db: Kysely<Database>,
  id: string,
  body: UpdateSignerBody,
  change: ChangeContext,
): Promise<SignerRow> {
  return changeSigner(db, id, change, 'signer.update', (row) => {
    const expiresAt = body.expiresAt;
    const changed =
      typeof expiresAt === 'string' &&
      (row.expires_at === null || Date.parse(expiresAt) !== Date.parse(row.expires_at));
    if (changed) rejectPastExpiry(expiresAt, change.now);

    return {
      ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
      ...(body.scope !== undefined ? { scope: JSON.stringify(body.scope) } : {}),
      ...(body.expiresAt !== undefined
        ? { expires_at: body.expiresAt === null ? null : new Date(body.expiresAt).toISOString() }
        : {}),
    };
  });
}
