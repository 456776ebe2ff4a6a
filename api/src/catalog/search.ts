import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CatalogPage, CatalogQuery, PluginSummary, RegistryState } from '../contract/catalog.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { Database } from '../db/schema.ts';

type PluginsBuilder = ExpressionBuilder<Database, 'plugins'>;
type Facet = 'inputType' | 'outputType' | 'institution' | 'author' | 'registryState';

const defaultPageSize = 20;

/** Splits free text into word tokens; everything else (quotes, operators) is dropped so it cannot alter the query syntax. */
export function searchTokens(text: string | undefined): string[] {
  if (!text) return [];
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** FTS5 query: every token must match as a prefix. */
function sqliteMatchExpression(tokens: string[]): string {
  return tokens.map((token) => `"${token}"*`).join(' ');
}

/** tsquery: every token must match as a prefix. */
function postgresTsQuery(tokens: string[]): string {
  return tokens.map((token) => `${token}:*`).join(' & ');
}

function textMatch(context: DatabaseContext, tokens: string[]) {
  return (eb: PluginsBuilder): Expression<SqlBool> =>
    context.engine === 'sqlite'
      ? eb(
          'plugins.id',
          'in',
          sql<string>`(SELECT plugin_id FROM plugin_search WHERE plugin_search MATCH ${sqliteMatchExpression(tokens)})`,
        )
      : sql<SqlBool>`to_tsvector('simple', plugins.search_text) @@ to_tsquery('simple', ${postgresTsQuery(tokens)})`;
}

function typeFilter(direction: 'input' | 'output', types: string[]) {
  return (eb: PluginsBuilder) =>
    eb.exists(
      eb
        .selectFrom('plugin_types')
        .select('plugin_types.type')
        .whereRef('plugin_types.plugin_id', '=', 'plugins.id')
        .where('plugin_types.direction', '=', direction)
        .where('plugin_types.type', 'in', types),
    );
}

/** All filters of the query except `skip`, so a facet counts the values its own selection would switch to. */
function filters(context: DatabaseContext, query: CatalogQuery, tokens: string[], skip?: Facet) {
  return (eb: PluginsBuilder) => {
    const conditions: Expression<SqlBool>[] = [];
    if (tokens.length > 0) conditions.push(textMatch(context, tokens)(eb));
    if (skip !== 'inputType' && query.inputType?.length)
      conditions.push(typeFilter('input', query.inputType)(eb));
    if (skip !== 'outputType' && query.outputType?.length)
      conditions.push(typeFilter('output', query.outputType)(eb));
    if (skip !== 'institution' && query.institution?.length)
      conditions.push(eb('plugins.institution', 'in', query.institution));
    if (skip !== 'author' && query.author?.length) conditions.push(eb('plugins.author', 'in', query.author));
    if (skip !== 'registryState' && query.registryState?.length) {
      conditions.push(eb('plugins.registry_state', 'in', query.registryState));
    }
    return eb.and(conditions);
  };
}

function relevanceOrder(context: DatabaseContext, tokens: string[]) {
  return context.engine === 'sqlite'
    ? sql`(SELECT bm25(plugin_search) FROM plugin_search WHERE plugin_search MATCH ${sqliteMatchExpression(tokens)} AND plugin_search.plugin_id = plugins.id)`
    : sql`ts_rank(to_tsvector('simple', plugins.search_text), to_tsquery('simple', ${postgresTsQuery(tokens)})) * -1`;
}

async function typeFacet(
  context: DatabaseContext,
  query: CatalogQuery,
  tokens: string[],
  direction: 'input' | 'output',
) {
  const rows = await context.db
    .selectFrom('plugin_types')
    .innerJoin('plugins', 'plugins.id', 'plugin_types.plugin_id')
    .select(['plugin_types.type as value', (eb) => eb.fn.countAll<number>().as('count')])
    .where('plugin_types.direction', '=', direction)
    .where(filters(context, query, tokens, direction === 'input' ? 'inputType' : 'outputType'))
    .groupBy('plugin_types.type')
    .orderBy('count', 'desc')
    .orderBy('value')
    .execute();
  return rows.map((row) => ({ value: row.value, count: Number(row.count) }));
}

async function columnFacet(
  context: DatabaseContext,
  query: CatalogQuery,
  tokens: string[],
  column: 'institution' | 'author' | 'registry_state',
  facet: Facet,
) {
  const rows = await context.db
    .selectFrom('plugins')
    .select([`plugins.${column} as value`, (eb) => eb.fn.countAll<number>().as('count')])
    .where(filters(context, query, tokens, facet))
    .where(`plugins.${column}`, '!=', '')
    .groupBy(`plugins.${column}`)
    .orderBy('count', 'desc')
    .orderBy('value')
    .limit(50)
    .execute();
  return rows.map((row) => ({ value: String(row.value), count: Number(row.count) }));
}

/** Runs a catalog search: one page of plugin summaries, the total, and facet counts. */
export async function searchCatalog(context: DatabaseContext, query: CatalogQuery): Promise<CatalogPage> {
  const tokens = searchTokens(query.q);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  const sort = query.sort ?? (tokens.length > 0 ? 'relevance' : 'name');

  let listing = context.db
    .selectFrom('plugins')
    .selectAll('plugins')
    .where(filters(context, query, tokens));
  if (sort === 'relevance' && tokens.length > 0) listing = listing.orderBy(relevanceOrder(context, tokens));
  if (sort === 'updated') listing = listing.orderBy('plugins.updated_at', 'desc');
  if (sort === 'versions') listing = listing.orderBy('plugins.version_count', 'desc');
  listing = listing.orderBy('plugins.title').orderBy('plugins.id');

  const [rows, total, inputTypes, outputTypes, institutions, authors, registryStates] = await Promise.all([
    listing
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    context.db
      .selectFrom('plugins')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(filters(context, query, tokens))
      .executeTakeFirstOrThrow(),
    typeFacet(context, query, tokens, 'input'),
    typeFacet(context, query, tokens, 'output'),
    columnFacet(context, query, tokens, 'institution', 'institution'),
    columnFacet(context, query, tokens, 'author', 'author'),
    columnFacet(context, query, tokens, 'registry_state', 'registryState'),
  ]);

  const items: PluginSummary[] = rows.map((row) => ({
    name: row.id,
    title: row.title,
    description: row.description,
    author: row.author,
    institution: row.institution,
    latestVersion: row.latest_version,
    versionCount: row.version_count,
    inputTypes: JSON.parse(row.input_types) as string[],
    outputTypes: JSON.parse(row.output_types) as string[],
    registryState: row.registry_state as RegistryState,
    containerId: row.container_id,
    updatedAt: row.updated_at,
  }));
  return {
    items,
    total: Number(total.count),
    page,
    pageSize,
    facets: { inputTypes, outputTypes, institutions, authors, registryStates },
  };
}
