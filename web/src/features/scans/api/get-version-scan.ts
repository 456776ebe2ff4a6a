import { versionScanSchema, type VersionScan } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanApiPath, scanKeys } from './scan-keys';

export function getVersionScan(
  client: ApiClient,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<VersionScan> {
  return client.getJson(scanApiPath(name, version), versionScanSchema, { signal });
}

export function versionScanQueryOptions(name: string, version: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: scanKeys.overview(name, version),
    queryFn: ({ signal }) => getVersionScan(client, name, version, signal),
  });
}

export function useVersionScan(name: string, version: string) {
  return useQuery(versionScanQueryOptions(name, version));
}
