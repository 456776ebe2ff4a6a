import type { Kysely, Selectable } from 'kysely';
import { trustPolicySchema, type TrustPolicy } from '../contract/policy.ts';
import type { Database, TrustPoliciesTable } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';

/** A stored policy version with its document parsed. */
export interface StoredPolicyVersion {
  version: number;
  policy: TrustPolicy;
  authorId: string | null;
  authorName: string | null;
  reason: string;
  createdAt: string;
}

function parseRow(row: Selectable<TrustPoliciesTable>): StoredPolicyVersion {
  const parsed = trustPolicySchema.safeParse(JSON.parse(row.document));
  if (!parsed.success) {
    // The document was validated when it was written; a failure here means the row was edited by hand.
    throw new Error(`Trust policy version ${row.version} in the database is not a valid policy document`, {
      cause: parsed.error,
    });
  }
  return {
    version: Number(row.version),
    policy: parsed.data,
    authorId: row.author_id,
    authorName: row.author_name,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

/** Loads the policy in force: the highest version. The migration creates version 1, so one always exists. */
export async function loadCurrentPolicy(db: Kysely<Database>): Promise<StoredPolicyVersion> {
  const row = await db
    .selectFrom('trust_policies')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined)
    throw new Error('The trust_policies table is empty; migration 008 creates version 1');
  return parseRow(row);
}

/** Loads one version; throws `not-found` naming the versions that exist. */
export async function loadPolicyVersion(db: Kysely<Database>, version: number): Promise<StoredPolicyVersion> {
  const row = await db
    .selectFrom('trust_policies')
    .selectAll()
    .where('version', '=', version)
    .executeTakeFirst();
  if (row === undefined) {
    const current = await loadCurrentPolicy(db);
    throw new AppError(
      'not-found',
      `No trust policy version ${version}; versions 1-${current.version} exist.`,
    );
  }
  return parseRow(row);
}

/** Loads every version, newest first. */
export async function listPolicyVersions(db: Kysely<Database>): Promise<StoredPolicyVersion[]> {
  const rows = await db.selectFrom('trust_policies').selectAll().orderBy('version', 'desc').execute();
  return rows.map(parseRow);
}

/** Inserts a new version row; the caller checks the base version and audits in the same transaction. */
export async function insertPolicyVersion(db: Kysely<Database>, version: StoredPolicyVersion): Promise<void> {
  await db
    .insertInto('trust_policies')
    .values({
      version: version.version,
      document: JSON.stringify(version.policy),
      author_id: version.authorId,
      author_name: version.authorName,
      reason: version.reason,
      created_at: version.createdAt,
    })
    .execute();
}
