import { auditPageSchema, type AuditFilter, type AuditPage } from '@assay/api/contract';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient, type SearchValues } from '@/lib/api-client';

const pageSize = 50;

export function getAuditEvents(
  client: ApiClient,
  filter: AuditFilter,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const search: SearchValues = { ...filter, limit: pageSize, cursor };
  return client.getJson('/audit-events', auditPageSchema, { search, signal });
}

/** Pages of the audit log, newest first; the next page starts after the last event of the previous one. */
export function auditEventsQueryOptions(filter: AuditFilter, client: ApiClient = apiClient) {
  return infiniteQueryOptions({
    queryKey: ['admin', 'audit', 'events', filter],
    queryFn: ({ pageParam, signal }) => getAuditEvents(client, filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery(auditEventsQueryOptions(filter));
}

/** Builds the download URL of the events matching `filter`, as CSV or JSON. */
export function auditExportUrl(
  filter: AuditFilter,
  format: 'csv' | 'json',
  client: ApiClient = apiClient,
): string {
  return client.url('/audit-events/export', { ...filter, format });
}
