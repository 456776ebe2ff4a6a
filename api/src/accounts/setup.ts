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

/**
 * Checks a setup token before the form is shown. Returns its expiry, or throws `not-found` saying
 * whether an admin exists already (the link has served its purpose), the token expired, or it is not
 * one Assay issued. Tokens are 256 bits of randomness, so telling these apart reveals nothing useful.
 */
export async function previewSetupToken(
  { db }: DatabaseContext,
  token: string,
  now: Date = new Date(),
): Promise<{ expiresAt: string }> {
  if (await adminExists(db)) {
    throw new AppError(
      'not-found',
      'This setup link has been used: an admin account exists already. Sign in, or ask an admin for an invitation.',
    );
  }
  const row = await db
    .selectFrom('setup_tokens')
    .select('expires_at')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined) {
    throw new AppError(
      'not-found',
      'This setup link is not valid: copy the whole link from the newest "No admin account exists yet" line of the server log, or create the admin with the create-admin command.',
    );
  }
  if (row.expires_at <= now.toISOString()) {
    throw new AppError(
      'not-found',
      `This setup link expired at ${row.expires_at}. Restart the server to log a new one, or create the admin with the create-admin command.`,
    );
  }
  return { expiresAt: row.expires_at };
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
