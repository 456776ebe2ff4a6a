import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginKeys, versionApiPath } from './plugin-keys';

export function rawManifestApiPath(name: string, version: string): string {
  return `${versionApiPath(name, version)}/manifest/raw`;
}

/** Fetches the manifest exactly as it was imported (JSON or YAML bytes, as text). */
export function getRawManifest(
  client: ApiClient,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<string> {
  return client.getText(rawManifestApiPath(name, version), { signal });
}

export function rawManifestQueryOptions(name: string, version: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: pluginKeys.rawManifest(name, version),
    queryFn: ({ signal }) => getRawManifest(client, name, version, signal),
    // Imported bytes never change for a version; a re-import shows up through invalidation of the version key.
    staleTime: Infinity,
  });
}

/** Loads the raw manifest only when `enabled`, so it is fetched when the user opens the panel. */
export function useRawManifest(name: string, version: string, enabled: boolean) {
  return useQuery({ ...rawManifestQueryOptions(name, version), enabled });
}

export function rawManifestUrl(name: string, version: string, client: ApiClient = apiClient): string {
  return client.url(rawManifestApiPath(name, version));
}
