import { severities, type FindingSort, type Severity } from '@assay/api/contract';

/** The findings table's state, as the findings endpoint takes it in its query string. */
export interface FindingsFilters {
  report?: string;
  severity?: Severity[];
  /** `true`: only findings with a fixed version; `false`: only those without one. */
  fixable?: 'true' | 'false';
  q?: string;
  sort?: FindingSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** The direction each sort column starts in: most severe and highest score first, names A to Z. */
export const naturalOrder: Record<FindingSort, 'asc' | 'desc'> = {
  severity: 'desc',
  cvss: 'desc',
  id: 'asc',
  package: 'asc',
};

/**
 * Applies a change to the table's state. Any change other than the page itself returns to page 1,
 * because the old page number may not exist in the new result.
 */
export function updateFilters(current: FindingsFilters, change: Partial<FindingsFilters>): FindingsFilters {
  const next: FindingsFilters = { ...current, ...change };
  if (!('page' in change)) delete next.page;
  if (next.severity?.length === 0) delete next.severity;
  if (next.q !== undefined && next.q.trim() === '') delete next.q;
  return next;
}

/** Sorts by `sort`; choosing the current column again flips its direction. */
export function toggleSort(current: FindingsFilters, sort: FindingSort): Partial<FindingsFilters> {
  const currentSort = current.sort ?? 'severity';
  const currentOrder = current.order ?? naturalOrder[currentSort];
  if (currentSort !== sort) return { sort, order: naturalOrder[sort] };
  return { sort, order: currentOrder === 'asc' ? 'desc' : 'asc' };
}

/** Severities from most to least severe, the order the summary and the filter list them in. */
export const severitiesMostSevereFirst: readonly Severity[] = [...severities].reverse();

const advisoryLinks: Array<{ pattern: RegExp; url: (id: string) => string }> = [
  { pattern: /^CVE-\d{4}-\d{4,}$/, url: (id) => `https://nvd.nist.gov/vuln/detail/${id}` },
  { pattern: /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/, url: (id) => `https://github.com/advisories/${id}` },
];

/** The link for a finding's id: the report's own primary link, or the public advisory page of a CVE or GHSA id. */
export function advisoryLink(vulnerabilityId: string, links: readonly string[]): string | undefined {
  if (links[0] !== undefined) return links[0];
  return advisoryLinks.find(({ pattern }) => pattern.test(vulnerabilityId))?.url(vulnerabilityId);
}
