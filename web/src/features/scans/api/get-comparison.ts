import { scanComparisonSchema, type ScanComparison } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanKeys } from './scan-keys';

export function getComparison(
  client: ApiClient,
  name: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<ScanComparison> {
  return client.getJson(`/plugins/${encodeURIComponent(name)}/compare`, scanComparisonSchema, {
    search: { from, to },
    signal,
  });
}

export function comparisonQueryOptions(
  name: string,
  from: string,
  to: string,
  client: ApiClient = apiClient,
) {
  return queryOptions({
    queryKey: scanKeys.comparison(name, from, to),
    queryFn: ({ signal }) => getComparison(client, name, from, to, signal),
  });
}

/** Loads the comparison once both versions are chosen. */
export function useComparison(name: string, from: string | undefined, to: string | undefined) {
  return useQuery({ ...comparisonQueryOptions(name, from ?? '', to ?? ''), enabled: Boolean(from && to) });
}
