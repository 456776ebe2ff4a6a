import type { FindingsFilters } from '../lib/findings-filters';

/**
 * Query keys of the scan feature, nested under the version's own key so that invalidating
 * `['plugins', name, 'versions', version, 'scan']` after a rescan or upload refreshes the overview
 * and every findings page. Only the queryOptions factories in this folder use them.
 */
export const scanKeys = {
  overview: (name: string, version: string) => ['plugins', name, 'versions', version, 'scan'] as const,
  findings: (name: string, version: string, query: FindingsFilters) =>
    ['plugins', name, 'versions', version, 'scan', 'findings', query] as const,
  comparison: (name: string, from: string, to: string) => ['plugins', name, 'compare', { from, to }] as const,
  job: (id: string) => ['scan-jobs', id] as const,
};

export function scanApiPath(name: string, version: string): string {
  return `/plugins/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/scan`;
}
