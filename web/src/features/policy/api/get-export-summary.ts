import { exportSummarySchema, type ExportFormat, type ExportSummary } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

export function getExportSummary(client: ApiClient, signal?: AbortSignal): Promise<ExportSummary> {
  return client.getJson('/exports', exportSummarySchema, { signal });
}

export function exportSummaryQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: policyKeys.exports(),
    queryFn: ({ signal }) => getExportSummary(client, signal),
  });
}

export function useExportSummary() {
  return useQuery(exportSummaryQueryOptions());
}

/** Builds the download URL of one export file, which the browser fetches with the session cookie. */
export function exportFileUrl(format: ExportFormat, client: ApiClient = apiClient): string {
  return client.url(`/exports/${format}`);
}
