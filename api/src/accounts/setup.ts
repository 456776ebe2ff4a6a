import { recordAuditEvent } from '../audit/record.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { UsersTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { hashPassword, type ScryptCost } from './password.ts';
import { generateToken, hashToken } from './token-hash.ts';
import { adminExists, insertUser } from './users.ts';

const setupTokenLifetimeMs = 24 * 60 * 60_000;

/**
 * Issues a one-time setup token while no admin exists (undefined otherwise). Each instance start issues
 * its own; any unexpired one creates the first admin, and creating it deletes them all.
 */
export async function issueSetupToken(
  { db }: DatabaseContext,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (await adminExists(db)) return undefined;
  const token = generateToken();
  await db.deleteFrom('setup_tokens').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('setup_tokens')
    .values({
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + setupTokenLifetimeMs).toISOString(),
    })
    .execute();
  return token;
}

export interface FirstAdmin {
  token: string;
  username: string;
  displayName: string;
  password: string;
}

/** Creates the first admin with a setup token and deletes every setup token in the same transaction. */
export async function createFirstAdmin(
  context: DatabaseContext,
  input: FirstAdmin,
  cost: ScryptCost,
  request: { requestId?: string; ip?: string | undefined },
): Promise<UsersTable> {
  const passwordHash = await hashPassword(input.password, cost);
  const invalid = new AppError(
    'not-found',
    'This setup token is invalid or expired, or an admin already exists.',
  );
  return context.db.transaction().execute(async (trx) => {
    // Deleting every token first serialises concurrent setups: the second one finds no token left.
    const deleted = await trx.deleteFrom('setup_tokens').returning(['token_hash', 'expires_at']).execute();
    const now = new Date();
    const match = deleted.find(
      (row) => row.token_hash === hashToken(input.token) && row.expires_at > now.toISOString(),
    );
    if (!match || (await adminExists(trx))) throw invalid;

    const user = await insertUser(
      trx,
      { username: input.username, displayName: input.displayName, role: 'admin', passwordHash },
      now,
    );
    await recordAuditEvent(trx, {
      actor: { id: user.id, name: user.username },
      action: 'user.bootstrap-admin',
      targetType: 'user',
      targetId: user.id,
      after: { username: user.username, role: 'admin', method: 'setup token' },
      requestId: request.requestId,
      ip: request.ip,
    });
    return user;
  });
}
