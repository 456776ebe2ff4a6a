import { sql } from 'kysely';
import type { CatalogPage, CatalogQuery, PluginSummary, RegistryState } from '../contract/catalog.ts';
import type { SignatureState } from '../contract/signature.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { verdicts } from '../contract/verdict.ts';
import type { CatalogIndex, IndexedPlugin } from './catalog-index.ts';
import type { ScanIndicator } from '../contract/scan.ts';
import { hasNoCriticalFindings, type ScanIndicators } from '../scans/indicators.ts';

const defaultPageSize = 20;
const maxFacetValues = 50;

/** Splits free text into word tokens; everything else (quotes, operators) is dropped so it cannot alter the query syntax. */
export function searchTokens(text: string | undefined): string[] {
  if (!text) return [];
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * Runs the full-text match in the database (FTS5 in SQLite, a tsvector in PostgreSQL): every token
 * must match as a word prefix. Returns each matching plugin with its rank, lower is better.
 */
async function matchText(context: DatabaseContext, tokens: string[]): Promise<Map<string, number>> {
  if (context.engine === 'sqlite') {
    const match = tokens.map((token) => `"${token}"*`).join(' ');
    const result = await sql<{ plugin_id: string; rank: number }>`
      SELECT plugin_id, bm25(plugin_search) AS rank FROM plugin_search WHERE plugin_search MATCH ${match}`.execute(
      context.db,
    );
    return new Map(result.rows.map((row) => [row.plugin_id, Number(row.rank)]));
  }
  const query = tokens.map((token) => `${token}:*`).join(' & ');
  const result = await sql<{ id: string; rank: number }>`
    SELECT id, -ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', ${query})) AS rank
    FROM plugins WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', ${query})`.execute(
    context.db,
  );
  return new Map(result.rows.map((row) => [row.id, Number(row.rank)]));
}

/**
 * A catalog filter that is also a facet: the values a plugin has, and the query's selection. Values
 * selected within one facet combine with OR; facets combine with AND.
 */
interface Facet {
  name: keyof CatalogPage['facets'];
  selected(query: CatalogQuery): readonly string[] | undefined;
  values(plugin: IndexedPlugin): readonly string[];
}

const facets: Facet[] = [
  { name: 'inputTypes', selected: (query) => query.inputType, values: (plugin) => plugin.inputTypes },
  { name: 'outputTypes', selected: (query) => query.outputType, values: (plugin) => plugin.outputTypes },
  {
    name: 'institutions',
    selected: (query) => query.institution,
    values: (plugin) => nonEmpty(plugin.row.institution),
  },
  { name: 'authors', selected: (query) => query.author, values: (plugin) => nonEmpty(plugin.row.author) },
  {
    name: 'registryStates',
    selected: (query) => query.registryState,
    values: (plugin) => [plugin.row.registry_state],
  },
  {
    name: 'signatureStates',
    selected: (query) => query.signatureState,
    values: (plugin) => [plugin.row.signature_state],
  },
  {
    name: 'verdicts',
    selected: (query) => query.verdict,
    values: (plugin) => (plugin.verdict === undefined ? [] : [plugin.verdict.verdict]),
  },
];

function nonEmpty(value: string): string[] {
  return value === '' ? [] : [value];
}

function passes(plugin: IndexedPlugin, facet: Facet, query: CatalogQuery): boolean {
  const selected = facet.selected(query);
  if (!selected || selected.length === 0) return true;
  return facet.values(plugin).some((value) => selected.includes(value));
}

type Comparator = (a: IndexedPlugin, b: IndexedPlugin) => number;

function averageRating(plugin: IndexedPlugin): number {
  const { rating_count: count, rating_sum: sum } = plugin.row;
  return count > 0 ? sum / count : -1;
}

function verdictRank(plugin: IndexedPlugin): number {
  return plugin.verdict === undefined ? verdicts.length : verdicts.indexOf(plugin.verdict.verdict);
}

// One collator for every comparison: String.prototype.localeCompare builds its ICU collator on each
// call, which made sorting a thousand plugins the largest cost of a search.
const collator = new Intl.Collator('en');

function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

const byTitle: Comparator = (a, b) =>
  collator.compare(a.row.title, b.row.title) || collator.compare(a.row.id, b.row.id);

function sortComparator(
  sort: NonNullable<CatalogQuery['sort']>,
  ranks: Map<string, number> | undefined,
): Comparator {
  switch (sort) {
    case 'relevance':
      return ranks
        ? (a, b) => (ranks.get(a.row.id) ?? 0) - (ranks.get(b.row.id) ?? 0) || byTitle(a, b)
        : byTitle;
    case 'updated':
      // ISO timestamps order as plain strings; newest first.
      return (a, b) => compareStrings(b.row.updated_at, a.row.updated_at) || byTitle(a, b);
    case 'versions':
      return (a, b) => b.row.version_count - a.row.version_count || byTitle(a, b);
    case 'name':
      return byTitle;
    case 'verdict':
      // Trusted first, then warning, untrusted, and plugins whose verdict is not computed yet.
      return (a, b) => verdictRank(a) - verdictRank(b) || byTitle(a, b);
    case 'rating':
      // Rated plugins first, by average, then by how many people rated them.
      return (a, b) =>
        averageRating(b) - averageRating(a) || b.row.rating_count - a.row.rating_count || byTitle(a, b);
  }
}

/** Counts each facet's values over the plugins that pass every other filter, so a facet shows what selecting a value would give. */
function countFacets(candidates: IndexedPlugin[], query: CatalogQuery): CatalogPage['facets'] {
  const counts = facets.map(() => new Map<string, number>());
  for (const plugin of candidates) {
    const failing = facets.filter((facet) => !passes(plugin, facet, query));
    facets.forEach((facet, index) => {
      if (failing.length > 1 || (failing.length === 1 && failing[0] !== facet)) return;
      for (const value of facet.values(plugin))
        counts[index]!.set(value, (counts[index]!.get(value) ?? 0) + 1);
    });
  }
  const result = {} as CatalogPage['facets'];
  facets.forEach((facet, index) => {
    result[facet.name] = [...counts[index]!]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value))
      .slice(0, maxFacetValues);
  });
  return result;
}

function toSummary(plugin: IndexedPlugin, scan: ScanIndicator | undefined): PluginSummary {
  const { row } = plugin;
  return {
    name: row.id,
    title: row.title,
    description: row.description,
    author: row.author,
    institution: row.institution,
    latestVersion: row.latest_version,
    versionCount: row.version_count,
    inputTypes: plugin.inputTypes,
    outputTypes: plugin.outputTypes,
    registryState: row.registry_state as RegistryState,
    signatureState: row.signature_state as SignatureState,
    containerId: row.container_id,
    updatedAt: row.updated_at,
    rating: row.rating_count > 0 ? Math.round((row.rating_sum / row.rating_count) * 100) / 100 : null,
    ratingCount: row.rating_count,
    ...(plugin.verdict === undefined ? {} : { verdict: plugin.verdict }),
    ...(scan === undefined ? {} : { scan }),
  };
}

/** Runs a catalog search: one page of plugin summaries, the total, and facet counts. */
export async function searchCatalog(
  context: DatabaseContext,
  index: CatalogIndex,
  query: CatalogQuery,
  scans?: ScanIndicators,
): Promise<CatalogPage> {
  const tokens = searchTokens(query.q);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  const sort = query.sort ?? (tokens.length > 0 ? 'relevance' : 'name');

  const [plugins, ranks, indicators] = await Promise.all([
    index.plugins(context),
    tokens.length > 0 ? matchText(context, tokens) : Promise.resolve(undefined),
    scans === undefined ? Promise.resolve(undefined) : scans.load(context),
  ]);
  const candidates = (ranks ? plugins.filter((plugin) => ranks.has(plugin.row.id)) : plugins).filter(
    (plugin) => query.noCritical !== 'true' || hasNoCriticalFindings(indicators?.get(plugin.row.id)),
  );
  const matching = candidates.filter((plugin) => facets.every((facet) => passes(plugin, facet, query)));
  matching.sort(sortComparator(sort, ranks));

  return {
    items: matching
      .slice((page - 1) * pageSize, page * pageSize)
      .map((plugin) => toSummary(plugin, indicators?.get(plugin.row.id))),
    total: matching.length,
    page,
    pageSize,
    facets: countFacets(candidates, query),
  };
}
