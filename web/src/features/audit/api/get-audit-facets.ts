import { auditFacetsSchema, type AuditFacets } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getAuditFacets(client: ApiClient, signal?: AbortSignal): Promise<AuditFacets> {
  return client.getJson('/audit-events/facets', auditFacetsSchema, { signal });
}

export function auditFacetsQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: ['admin', 'audit', 'facets'],
    queryFn: ({ signal }) => getAuditFacets(client, signal),
  });
}

export function useAuditFacets() {
  return useQuery(auditFacetsQueryOptions());
}
