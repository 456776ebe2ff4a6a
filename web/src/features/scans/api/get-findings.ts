import { findingsPageSchema, type FindingsPage } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import type { FindingsFilters } from '../lib/findings-filters';
import { scanApiPath, scanKeys } from './scan-keys';

export function getFindings(
  client: ApiClient,
  name: string,
  version: string,
  query: FindingsFilters,
  signal?: AbortSignal,
): Promise<FindingsPage> {
  const search = {
    report: query.report,
    severity: query.severity,
    fixable: query.fixable,
    q: query.q,
    sort: query.sort,
    order: query.order,
    page: query.page,
    pageSize: query.pageSize,
  };
  return client.getJson(`${scanApiPath(name, version)}/findings`, findingsPageSchema, { search, signal });
}

export function findingsQueryOptions(
  name: string,
  version: string,
  query: FindingsFilters,
  client: ApiClient = apiClient,
) {
  return queryOptions({
    queryKey: scanKeys.findings(name, version, query),
    queryFn: ({ signal }) => getFindings(client, name, version, query, signal),
    // Keeps the current page on screen while a new filter loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useFindings(name: string, version: string, query: FindingsFilters, enabled = true) {
  return useQuery({ ...findingsQueryOptions(name, version, query), enabled });
}
