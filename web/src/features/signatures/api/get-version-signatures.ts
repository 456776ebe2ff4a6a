import { versionSignaturesSchema, type VersionSignatures } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

/** Builds a key under the version's own key, so invalidating `['plugins']` after a signer change refreshes it too. */
export function versionSignaturesKey(name: string, version: string) {
  return ['plugins', name, 'versions', version, 'signatures'] as const;
}

export function getVersionSignatures(
  client: ApiClient,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<VersionSignatures> {
  const path = `/plugins/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/signatures`;
  return client.getJson(path, versionSignaturesSchema, { signal });
}

export function versionSignaturesQueryOptions(name: string, version: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: versionSignaturesKey(name, version),
    queryFn: ({ signal }) => getVersionSignatures(client, name, version, signal),
  });
}

export function useVersionSignatures(name: string, version: string) {
  return useQuery(versionSignaturesQueryOptions(name, version));
}
