import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CatalogVerdict, Verdict, VersionVerdict } from '../contract/verdict.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database, PluginVerdictsTable } from '../db/schema.ts';
import { loadCurrentPolicy } from '../policy/store.ts';
import { computeVerdict } from './compute.ts';
import { readInputsStamp, stampText, type InputsStamp } from './inputs-stamp.ts';
import { loadVerdictInputs, verdictVersionColumns, type VerdictVersionRow } from './load-inputs.ts';

type StoredVerdictRow = Selectable<PluginVerdictsTable>;

export interface RefreshOutcome {
  /** False when the stored verdicts were already current and nothing was computed. */
  refreshed: boolean;
  computed: number;
  /** Plugins whose stored row was written because something in it changed. */
  written: number;
  /** Plugins whose verdict (trusted, warning, untrusted) changed. */
  changed: number;
}

/** Converts a stored verdict row to the catalog's view. */
export function catalogVerdictOf(
  row: Pick<StoredVerdictRow, 'verdict' | 'version' | 'policy_version' | 'reasons'>,
): CatalogVerdict {
  return {
    verdict: row.verdict as Verdict,
    version: row.version,
    policyVersion: Number(row.policy_version),
    reasons: JSON.parse(row.reasons) as CatalogVerdict['reasons'],
  };
}

function isFreshState(
  state: { inputs_stamp: string | null; valid_until: string | null },
  stamp: InputsStamp,
  now: Date,
): boolean {
  return (
    state.inputs_stamp === stampText(stamp) &&
    (state.valid_until === null || now.getTime() < Date.parse(state.valid_until))
  );
}

/** True when the stored verdicts were computed from the current inputs and none has aged since. */
export async function storedVerdictsAreFresh(db: Kysely<Database>, now: Date): Promise<boolean> {
  const [state, stamp] = await Promise.all([
    db
      .selectFrom('verdict_state')
      .select(['inputs_stamp', 'valid_until'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow(),
    readInputsStamp(db),
  ]);
  return isFreshState(state, stamp, now);
}

function rowOf(
  version: VerdictVersionRow,
  verdict: VersionVerdict,
  scanGeneratedAt: string | null,
  now: Date,
): StoredVerdictRow {
  return {
    plugin_id: version.plugin_id,
    version_id: version.id,
    version: version.version,
    digest: verdict.digest ?? null,
    verdict: verdict.verdict,
    policy_version: verdict.policyVersion,
    reasons: JSON.stringify(
      verdict.reasons.map(({ code, severity, message }) => ({ code, severity, message })),
    ),
    scan_status: verdict.scanStatus,
    scan_generated_at: scanGeneratedAt,
    valid_until: verdict.validUntil ?? null,
    computed_at: now.toISOString(),
  };
}

function sameRow(a: StoredVerdictRow, b: StoredVerdictRow): boolean {
  const { computed_at: _a, ...left } = a;
  const { computed_at: _b, ...right } = b;
  return JSON.stringify(Object.entries(left).sort()) === JSON.stringify(Object.entries(right).sort());
}

function summaryOf(verdict: VersionVerdict): string {
  const decisive = verdict.reasons.find(
    (reason) => reason.severity === 'fail' || reason.severity === 'warning',
  );
  return (decisive ?? verdict.reasons[0])?.message ?? '';
}

async function latestVersions(db: Kysely<Database>): Promise<VerdictVersionRow[]> {
  return db
    .selectFrom('plugins as p')
    .innerJoin('plugin_versions as v', 'v.id', 'p.latest_version_id')
    .select(verdictVersionColumns.map((column) => `v.${column}` as const))
    .execute();
}

/**
 * Recomputes the stored verdict of every plugin's newest version, writes the rows that changed,
 * records each change of verdict, and stores the inputs stamp and the earliest time a verdict ages.
 * Skips the work when another instance has just done it, unless `force` is set. Runs in one
 * transaction; on PostgreSQL the state row is locked so concurrent instances take turns.
 */
export async function refreshCatalogVerdicts(
  context: DatabaseContext,
  now: Date,
  options: { force?: boolean } = {},
): Promise<RefreshOutcome> {
  return context.db.transaction().execute(async (trx) => {
    if (context.engine === 'postgres') {
      await sql`SELECT id FROM verdict_state WHERE id = 1 FOR UPDATE`.execute(trx);
    }
    const state = await trx
      .selectFrom('verdict_state')
      .select(['inputs_stamp', 'valid_until'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const stamp = await readInputsStamp(trx);
    if (!options.force && isFreshState(state, stamp, now)) {
      return { refreshed: false, computed: 0, written: 0, changed: 0 };
    }

    const current = await loadCurrentPolicy(trx);
    const policy = { version: current.version, policy: current.policy };
    const versions = await latestVersions(trx);
    const inputs = await loadVerdictInputs(trx, versions, current.policy);
    const stored = new Map(
      (await trx.selectFrom('plugin_verdicts').selectAll().execute()).map((row) => [row.plugin_id, row]),
    );

    let written = 0;
    let changed = 0;
    let validUntil: number | undefined;
    for (const version of versions) {
      const versionInputs = inputs.get(version.id);
      if (versionInputs === undefined) continue;
      const verdict = computeVerdict(versionInputs, policy, now);
      if (verdict.validUntil !== undefined) {
        validUntil = Math.min(validUntil ?? Infinity, Date.parse(verdict.validUntil));
      }
      const row = rowOf(version, verdict, versionInputs.scan?.generatedAt ?? null, now);
      const previous = stored.get(version.plugin_id);
      if (previous !== undefined && sameRow(previous, row)) continue;

      const { plugin_id: _pluginId, ...update } = row;
      await trx
        .insertInto('plugin_verdicts')
        .values(row)
        .onConflict((conflict) => conflict.column('plugin_id').doUpdateSet(update))
        .execute();
      written += 1;
      if (previous !== undefined && previous.verdict !== row.verdict) {
        changed += 1;
        await trx
          .insertInto('verdict_changes')
          .values({
            id: randomUUID(),
            plugin_id: version.plugin_id,
            version_id: version.id,
            version: version.version,
            previous: previous.verdict,
            current: row.verdict,
            policy_version: policy.version,
            summary: summaryOf(verdict),
            changed_at: now.toISOString(),
          })
          .execute();
      }
    }

    const storedStamp = { ...stamp };
    if (written > 0) {
      // The catalog caches plugin rows per instance by this revision; moving it makes every instance
      // reload the verdicts too. When no other write moved it meanwhile, the stamp follows this bump,
      // otherwise the old value is kept so the next read recomputes.
      await trx
        .updateTable('catalog_state')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', 1)
        .execute();
      const after = await trx
        .selectFrom('catalog_state')
        .select('revision')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      if (Number(after.revision) === stamp.catalog + 1) storedStamp.catalog = Number(after.revision);
    }
    await trx
      .updateTable('verdict_state')
      .set({
        inputs_stamp: stampText(storedStamp),
        valid_until: validUntil === undefined ? null : new Date(validUntil).toISOString(),
        refreshed_at: now.toISOString(),
      })
      .where('id', '=', 1)
      .execute();
    return { refreshed: true, computed: versions.length, written, changed };
  });
}

/** Keeps the stored verdicts current; one per API instance, shared by every request. */
export interface VerdictRefresher {
  /** Recomputes the stored verdicts when an input changed or one of them aged; cheap otherwise. */
  ensureFresh(): Promise<void>;
  /** Recomputes now; with `force`, even when the stored stamp matches the inputs. */
  refresh(options?: { force?: boolean }): Promise<RefreshOutcome>;
}

export function createVerdictRefresher(
  context: DatabaseContext,
  now: () => Date = () => new Date(),
): VerdictRefresher {
  let running: Promise<RefreshOutcome> | undefined;

  function refresh(options: { force?: boolean } = {}): Promise<RefreshOutcome> {
    // Concurrent requests of one instance share one recomputation.
    if (running !== undefined && !options.force) return running;
    const started = refreshCatalogVerdicts(context, now(), options).finally(() => {
      if (running === started) running = undefined;
    });
    running = started;
    return started;
  }

  return {
    async ensureFresh() {
      if (await storedVerdictsAreFresh(context.db, now())) return;
      await refresh();
    },
    refresh,
  };
}

/** The stored verdict of every plugin's newest version, by plugin id, for the catalog index. */
export async function loadCatalogVerdicts(db: Kysely<Database>): Promise<Map<string, CatalogVerdict>> {
  const rows = await db
    .selectFrom('plugin_verdicts')
    .select(['plugin_id', 'verdict', 'version', 'policy_version', 'reasons'])
    .execute();
  return new Map(rows.map((row) => [row.plugin_id, catalogVerdictOf(row)]));
}
