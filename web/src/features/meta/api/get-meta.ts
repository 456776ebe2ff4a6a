import { metaSchema, type Meta } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getMeta(client: ApiClient, signal?: AbortSignal): Promise<Meta> {
  return client.getJson('/meta', metaSchema, { signal });
}

export function metaQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: ['meta'],
    queryFn: ({ signal }) => getMeta(client, signal),
    staleTime: 5 * 60_000,
  });
}

export function useMeta() {
  return useQuery(metaQueryOptions());
}
