import { scanJobSchema, type ScanJobInfo } from '@assay/api/contract';
import { useMutation } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanApiPath } from './scan-keys';

export function requestRescan(client: ApiClient, name: string, version: string): Promise<ScanJobInfo> {
  return client.sendJson('POST', `${scanApiPath(name, version)}/rescan`, { schema: scanJobSchema });
}

/** Starts a rescan; the caller follows the returned job with `useScanJob`. */
export function useRescan(name: string, version: string) {
  return useMutation({ mutationFn: () => requestRescan(apiClient, name, version) });
}
