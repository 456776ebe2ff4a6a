import { scanJobSchema, type ScanJobInfo } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanKeys } from './scan-keys';

// A scanner answers "pending" for seconds to minutes; one read per second shows progress without load.
const pollIntervalMs = 1000;

export function getScanJob(client: ApiClient, id: string, signal?: AbortSignal): Promise<ScanJobInfo> {
  return client.getJson(`/scan-jobs/${encodeURIComponent(id)}`, scanJobSchema, { signal });
}

export function scanJobQueryOptions(id: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: scanKeys.job(id),
    queryFn: ({ signal }) => getScanJob(client, id, signal),
    // Polls while the job runs and stops once it has finished.
    refetchInterval: (query) => (query.state.data?.state === 'running' ? pollIntervalMs : false),
  });
}

/** Follows a scan job while it runs; disabled without an id. */
export function useScanJob(id: string | undefined) {
  return useQuery({ ...scanJobQueryOptions(id ?? ''), enabled: id !== undefined });
}
