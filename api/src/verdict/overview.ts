import { sql, type Kysely } from 'kysely';
import type { AdminOverview, StaleScan } from '../contract/admin-overview.ts';
import type { SignerKind } from '../contract/signer.ts';
import type { Verdict } from '../contract/verdict.ts';
import type { Database } from '../db/schema.ts';
import { loadCurrentPolicy } from '../policy/store.ts';

export const overviewListLimit = 10;
export const changeWindowDays = 14;

const staleStatuses = ['stale', 'age-unknown', 'missing', 'unverified'] as const;

async function verdictCounts(db: Kysely<Database>): Promise<AdminOverview['counts']> {
  const rows = await db
    .selectFrom('plugin_verdicts')
    .select(['verdict', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('verdict')
    .execute();
  const counts = { trusted: 0, warning: 0, untrusted: 0 };
  for (const row of rows) counts[row.verdict as Verdict] = Number(row.count);
  return counts;
}

async function recentChanges(db: Kysely<Database>, since: string) {
  const recent = db.selectFrom('verdict_changes as c').where('c.changed_at', '>=', since);
  const [rows, total] = await Promise.all([
    recent
      .innerJoin('plugins as p', 'p.id', 'c.plugin_id')
      .select([
        'c.plugin_id',
        'p.title',
        'c.version',
        'c.previous',
        'c.current',
        'c.changed_at',
        'c.policy_version',
        'c.summary',
      ])
      .orderBy('c.changed_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(overviewListLimit)
      .execute(),
    recent.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      plugin: row.plugin_id,
      title: row.title,
      version: row.version,
      from: row.previous as Verdict,
      to: row.current as Verdict,
      changedAt: row.changed_at,
      policyVersion: Number(row.policy_version),
      summary: row.summary,
    })),
    total: Number(total.count),
  };
}

async function pendingSigners(db: Kysely<Database>) {
  const pending = db.selectFrom('signers').where('status', '=', 'pending');
  const [rows, total] = await Promise.all([
    pending
      .select(['id', 'display_name', 'kind', 'created_at'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(overviewListLimit)
      .execute(),
    pending.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      kind: row.kind as SignerKind,
      createdAt: row.created_at,
    })),
    total: Number(total.count),
  };
}

/**
 * Lists plugins whose newest version has no usable, fresh scan: scans that exist but aged first,
 * oldest first, then plugins without a dated scan, by title. Returns one page and the total.
 */
export async function listStaleScans(
  db: Kysely<Database>,
  page: { offset: number; limit: number },
): Promise<{ items: StaleScan[]; total: number }> {
  const stale = db.selectFrom('plugin_verdicts as v').where('v.scan_status', 'in', [...staleStatuses]);
  const [rows, total] = await Promise.all([
    stale
      .innerJoin('plugins as p', 'p.id', 'v.plugin_id')
      .select(['v.plugin_id', 'p.title', 'v.version', 'v.scan_status', 'v.scan_generated_at'])
      .orderBy(sql`v.scan_generated_at IS NULL`)
      .orderBy('v.scan_generated_at', 'asc')
      .orderBy('p.title')
      // Plugin ids are unique, so pages never overlap when titles repeat.
      .orderBy('v.plugin_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    stale.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  const items: StaleScan[] = rows.map((row) => ({
    plugin: row.plugin_id,
    title: row.title,
    version: row.version,
    status: row.scan_status as StaleScan['status'],
    ...(row.scan_generated_at !== null ? { generatedAt: row.scan_generated_at } : {}),
  }));
  return { items, total: Number(total.count) };
}

/**
 * Builds the admin overview from the stored catalog verdicts: counts by verdict, verdict changes of the
 * last `changeWindowDays`, signers waiting for review and plugins without a usable, fresh scan. Call it
 * after the stored verdicts were brought up to date.
 */
export async function getAdminOverview(db: Kysely<Database>, now: Date): Promise<AdminOverview> {
  const since = new Date(now.getTime() - changeWindowDays * 24 * 60 * 60 * 1000).toISOString();
  const [policy, state, counts, changes, signers, scans] = await Promise.all([
    loadCurrentPolicy(db),
    db.selectFrom('verdict_state').select('refreshed_at').where('id', '=', 1).executeTakeFirstOrThrow(),
    verdictCounts(db),
    recentChanges(db, since),
    pendingSigners(db),
    listStaleScans(db, { offset: 0, limit: overviewListLimit }),
  ]);
  return {
    policyVersion: policy.version,
    ...(state.refreshed_at !== null ? { refreshedAt: state.refreshed_at } : {}),
    counts,
    listLimit: overviewListLimit,
    recentChanges: changes.items,
    recentChangeTotal: changes.total,
    changeWindowDays,
    pendingSigners: signers.items,
    pendingSignerTotal: signers.total,
    staleScans: scans.items,
    staleScanTotal: scans.total,
  };
}
