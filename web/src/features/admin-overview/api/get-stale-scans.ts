import { staleScanPageSchema, type StaleScanPage } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export const staleScanPageSize = 50;

export function getStaleScans(client: ApiClient, page: number, signal?: AbortSignal): Promise<StaleScanPage> {
  return client.getJson('/admin/stale-scans', staleScanPageSchema, {
    search: { page, pageSize: staleScanPageSize },
    signal,
  });
}

export function staleScansQueryOptions(page: number, client: ApiClient = apiClient) {
  return queryOptions({
    // Under ['admin'], so saving the policy (which changes scan ages) refreshes this list too.
    queryKey: ['admin', 'stale-scans', page],
    queryFn: ({ signal }) => getStaleScans(client, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStaleScans(page: number) {
  return useQuery(staleScansQueryOptions(page));
}
