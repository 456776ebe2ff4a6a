import { adminOverviewSchema, type AdminOverview } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getAdminOverview(client: ApiClient, signal?: AbortSignal): Promise<AdminOverview> {
  return client.getJson('/admin/overview', adminOverviewSchema, { signal });
}

export function adminOverviewQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: ['admin', 'overview'],
    queryFn: ({ signal }) => getAdminOverview(client, signal),
  });
}

export function useAdminOverview() {
  return useQuery(adminOverviewQueryOptions());
}
