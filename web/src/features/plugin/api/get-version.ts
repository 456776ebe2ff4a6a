import { versionDetailSchema, type VersionDetail } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginKeys, versionApiPath } from './plugin-keys';

export function getVersion(
  client: ApiClient,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<VersionDetail> {
  return client.getJson(versionApiPath(name, version), versionDetailSchema, { signal });
}

export function versionQueryOptions(name: string, version: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: pluginKeys.version(name, version),
    queryFn: ({ signal }) => getVersion(client, name, version, signal),
  });
}

/** Loads a version once `version` is known; keeps the previous version on screen while switching versions. */
export function useVersion(name: string, version: string | undefined) {
  return useQuery({
    ...versionQueryOptions(name, version ?? ''),
    enabled: version !== undefined,
    placeholderData: (previous) => (previous?.plugin === name ? previous : undefined),
  });
}
