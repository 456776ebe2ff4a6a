import {
  catalogSortSchema,
  maxPageSize,
  registryStateSchema,
  signatureStateSchema,
  type CatalogQuery,
  type RegistryState,
  type SignatureState,
  type Verdict,
  verdictSchema,
} from '@assay/api/contract';

/** The list filters of the catalog, named as in the query string. */
export const listFilterKeys = [
  'inputType',
  'outputType',
  'institution',
  'author',
  'registryState',
  'signatureState',
  'verdict',
] as const;
export type ListFilterKey = (typeof listFilterKeys)[number];

const maxQueryLength = 200;
const maxValuesPerFilter = 20;

/**
 * Reads the catalog state from a query string. Invalid or unknown values are dropped one by one
 * instead of failing the whole search, because the string may be hand-edited or from an older link.
 */
export function parseCatalogSearch(params: URLSearchParams): CatalogQuery {
  const query: CatalogQuery = {};

  const q = params.get('q')?.trim();
  if (q) query.q = q.slice(0, maxQueryLength);

  for (const key of listFilterKeys) {
    const values = uniqueNonEmpty(params.getAll(key)).slice(0, maxValuesPerFilter);
    if (key === 'registryState') {
      const states = values.filter(
        (value): value is RegistryState => registryStateSchema.safeParse(value).success,
      );
      if (states.length > 0) query.registryState = states;
    } else if (key === 'signatureState') {
      const states = values.filter(
        (value): value is SignatureState => signatureStateSchema.safeParse(value).success,
      );
      if (states.length > 0) query.signatureState = states;
    } else if (key === 'verdict') {
      const verdicts = values.filter((value): value is Verdict => verdictSchema.safeParse(value).success);
      if (verdicts.length > 0) query.verdict = verdicts;
    } else if (values.length > 0) {
      query[key] = values;
    }
  }

  if (params.get('noCritical') === 'true') query.noCritical = 'true';

  const sort = catalogSortSchema.safeParse(params.get('sort'));
  if (sort.success) query.sort = sort.data;

  const page = parsePositiveInteger(params.get('page'), 10_000);
  if (page !== undefined && page > 1) query.page = page;

  const pageSize = parsePositiveInteger(params.get('pageSize'), maxPageSize);
  if (pageSize !== undefined) query.pageSize = pageSize;

  return query;
}

/** Writes the catalog state in a stable parameter order, leaving out defaults so shared links stay short. */
export function toCatalogSearchParams(query: CatalogQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of listFilterKeys) {
    for (const value of query[key] ?? []) params.append(key, value);
  }
  if (query.noCritical === 'true') params.set('noCritical', 'true');
  if (query.sort) params.set('sort', query.sort);
  if (query.page !== undefined && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== undefined) params.set('pageSize', String(query.pageSize));
  return params;
}

/**
 * Applies a change to the catalog state. Any change other than the page itself returns to page 1,
 * because the old page number may not exist in the new result.
 */
export function updateCatalogQuery(current: CatalogQuery, change: Partial<CatalogQuery>): CatalogQuery {
  const next: CatalogQuery = { ...current, ...change };
  if (!('page' in change)) delete next.page;
  for (const key of listFilterKeys) {
    if (next[key]?.length === 0) delete next[key];
  }
  if (next.q !== undefined && next.q.trim() === '') delete next.q;
  if (next.noCritical !== 'true') delete next.noCritical;
  return next;
}

/** Checks whether the state narrows the result by search text or a filter. Sort and page do not count. */
export function hasActiveFilters(query: CatalogQuery): boolean {
  return (
    Boolean(query.q) ||
    query.noCritical === 'true' ||
    listFilterKeys.some((key) => (query[key]?.length ?? 0) > 0)
  );
}

export function toggleValue<Value extends string>(
  values: readonly Value[] | undefined,
  value: Value,
): Value[] {
  const current = values ?? [];
  return current.includes(value) ? current.filter((item) => item !== value) : [...current, value];
}

function uniqueNonEmpty(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

function parsePositiveInteger(text: string | null, max: number): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= max ? value : undefined;
}
