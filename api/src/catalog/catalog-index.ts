import type { Selectable } from 'kysely';
import type { DatabaseContext } from '../db/engine.ts';
import type { PluginsTable } from '../db/schema.ts';
import type { CatalogVerdict } from '../contract/verdict.ts';
import { loadCatalogVerdicts } from '../verdict/catalog-verdicts.ts';

/** A plugin's catalog row with its type lists parsed, as the in-memory search reads it. */
export interface IndexedPlugin {
  row: Selectable<PluginsTable>;
  inputTypes: string[];
  outputTypes: string[];
  /** Stored verdict of the newest version; its writes move the catalog revision too. */
  verdict: CatalogVerdict | undefined;
}

/**
 * The catalog's summary rows, cached per API instance and reloaded when `catalog_state.revision`
 * moves (a database trigger bumps it on every write to plugins or plugin_types). Each search then costs
 * one indexed read of the revision instead of filtering and faceting the table in SQL, and every
 * instance reads a write as soon as it commits.
 */
export class CatalogIndex {
  #revision: number | undefined;
  #plugins: IndexedPlugin[] = [];
  #loading: Promise<void> | undefined;

  async plugins(context: DatabaseContext): Promise<IndexedPlugin[]> {
    const state = await context.db
      .selectFrom('catalog_state')
      .select('revision')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const revision = Number(state.revision);
    if (revision !== this.#revision) {
      // Concurrent requests share one reload instead of each reading the whole table.
      this.#loading ??= this.#reload(context, revision).finally(() => {
        this.#loading = undefined;
      });
      await this.#loading;
    }
    return this.#plugins;
  }

  async #reload(context: DatabaseContext, revision: number): Promise<void> {
    // The revision was read before the rows. A write that lands in between is already in the rows and
    // only makes the next request reload once more, so the cache is never older than its revision.
    const [rows, verdicts] = await Promise.all([
      context.db.selectFrom('plugins').selectAll().execute(),
      loadCatalogVerdicts(context.db),
    ]);
    this.#plugins = rows.map((row) => ({
      row,
      inputTypes: JSON.parse(row.input_types) as string[],
      outputTypes: JSON.parse(row.output_types) as string[],
      verdict: verdicts.get(row.id),
    }));
    this.#revision = revision;
  }
}
