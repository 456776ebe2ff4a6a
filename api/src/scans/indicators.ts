import { sql } from 'kysely';
import type { ScanIndicator, Severity } from '../contract/scan.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { loadCurrentPolicy } from '../policy/store.ts';
import type { SignerFacts } from '../signers/evaluate.ts';
import { reportAge } from './store/report-info.ts';
import { isTrustedReport, loadReportSigners, type TrustedReportFields } from './store/report-trust.ts';

interface StoredIndicator {
  total: number;
  fixable: number;
  bySeverity: Record<Severity, number>;
  highestSeverity: Severity | undefined;
  generatedAt: string | undefined;
  /** The report's source and signature, checked against the signer records when the indicator is read. */
  report: TrustedReportFields;
}

/**
 * The severity indicator of each plugin's newest version, for the catalog. Cached per API instance
 * and reloaded when the catalog revision (plugins changed), the scan revision (reports changed) or
 * the trust policy version (its maximum scan age decides staleness) moves, so a search costs one
 * small read when nothing changed.
 */
export class ScanIndicators {
  #staleAfterDays = 0;
  readonly #now: () => Date;
  #key: string | undefined;
  #byPlugin = new Map<string, StoredIndicator>();
  #signers: ReadonlyMap<string, SignerFacts> = new Map();
  #loading: Promise<void> | undefined;

  constructor(options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Returns the indicator of every plugin whose newest version has a scan report. */
  async load(context: DatabaseContext): Promise<Map<string, ScanIndicator>> {
    // The verdict inputs revision moves with every signer change, which decides whether an attestation counts.
    const revisions = await sql<{ catalog: number; scans: number; policy: number; inputs: number }>`
      SELECT (SELECT revision FROM catalog_state WHERE id = 1) AS catalog,
             (SELECT revision FROM scan_state WHERE id = 1) AS scans,
             (SELECT max(version) FROM trust_policies) AS policy,
             (SELECT revision FROM verdict_inputs_state WHERE id = 1) AS inputs`.execute(context.db);
    const row = revisions.rows[0];
    const key = [row?.catalog, row?.scans, row?.policy, row?.inputs].map(Number).join('/');
    if (key !== this.#key) {
      // Concurrent searches share one reload.
      this.#loading ??= this.#reload(context, key).finally(() => {
        this.#loading = undefined;
      });
      await this.#loading;
    }

    const now = this.#now();
    const freshness = { now, staleAfterDays: this.#staleAfterDays };
    const indicators = new Map<string, ScanIndicator>();
    for (const [plugin, stored] of this.#byPlugin) {
      const indicator: ScanIndicator = {
        total: stored.total,
        fixable: stored.fixable,
        bySeverity: stored.bySeverity,
        stale: reportAge(stored.generatedAt, freshness).stale,
        verified: isTrustedReport(stored.report, this.#signers, now),
      };
      if (stored.highestSeverity !== undefined) indicator.highestSeverity = stored.highestSeverity;
      if (stored.generatedAt !== undefined) indicator.generatedAt = stored.generatedAt;
      indicators.set(plugin, indicator);
    }
    return indicators;
  }

  async #reload(context: DatabaseContext, key: string): Promise<void> {
    // The revisions were read before the rows, so a write in between only causes one more reload.
    const rows = await context.db
      .selectFrom('plugins')
      .innerJoin('plugin_versions as v', 'v.id', 'plugins.latest_version_id')
      .innerJoin('scan_digest_summaries as s', (join) =>
        join.on(sql<boolean>`s.digest = coalesce(v.registered_digest, v.current_digest)`),
      )
      .innerJoin('scan_reports as r', 'r.id', 's.report_id')
      .select([
        'plugins.id as plugin',
        's.finding_count',
        's.fixable_count',
        's.count_critical',
        's.count_high',
        's.count_medium',
        's.count_low',
        's.count_negligible',
        's.count_unknown',
        's.highest_severity',
        's.generated_at',
        'r.source',
        'r.signature_status',
        'r.signature_reason',
        'r.signer_ref',
        'r.registry_host',
        'r.repository',
      ])
      .execute();
    const policy = await loadCurrentPolicy(context.db);
    this.#signers = await loadReportSigners(context.db, rows);

    this.#staleAfterDays = policy.policy.maxScanAgeDays;
    this.#byPlugin = new Map(
      rows.map((row) => [
        row.plugin,
        {
          total: Number(row.finding_count),
          fixable: Number(row.fixable_count),
          bySeverity: {
            unknown: Number(row.count_unknown),
            negligible: Number(row.count_negligible),
            low: Number(row.count_low),
            medium: Number(row.count_medium),
            high: Number(row.count_high),
            critical: Number(row.count_critical),
          },
          highestSeverity: (row.highest_severity ?? undefined) as Severity | undefined,
          generatedAt: row.generated_at ?? undefined,
          report: {
            source: row.source,
            signature_status: row.signature_status,
            signature_reason: row.signature_reason,
            signer_ref: row.signer_ref,
            registry_host: row.registry_host,
            repository: row.repository,
          },
        },
      ]),
    );
    this.#key = key;
  }
}

/**
 * The catalog filter "no critical findings": the newest version has a scan Assay vouches for, and it
 * lists no critical finding. An attestation without an approved signer is a claim, not a scan result.
 */
export function hasNoCriticalFindings(indicator: ScanIndicator | undefined): boolean {
  return indicator !== undefined && indicator.verified && indicator.bySeverity.critical === 0;
}
