import { versionVerdictSchema, type VersionVerdict } from '@assay/api/contract';
import { hashKey, queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient, type ApiClient } from '@/lib/api-client';

/** Below the plugin's version key, so refreshing a plugin or version also refreshes its verdict. */
export function verdictKey(name: string, version: string) {
  return ['plugins', name, 'versions', version, 'verdict'] as const;
}

export function getVersionVerdict(
  client: ApiClient,
  name: string,
  version: string,
  signal?: AbortSignal,
): Promise<VersionVerdict> {
  return client.getJson(
    `/plugins/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/verdict`,
    versionVerdictSchema,
    { signal },
  );
}

export function versionVerdictQueryOptions(name: string, version: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: verdictKey(name, version),
    queryFn: ({ signal }) => getVersionVerdict(client, name, version, signal),
  });
}

/**
 * Invalidates the verdict whenever the signature or scan query of the same version receives different
 * data, for example after an upload or a rescan on the same page. Those panels own their queries, so
 * the verdict follows them through the query cache. Returns the unsubscribe function.
 */
export function followVersionPanels(queryClient: QueryClient, name: string, version: string): () => void {
  const watched = new Set(
    [
      ['plugins', name, 'versions', version, 'signatures'],
      ['plugins', name, 'versions', version, 'scan'],
    ].map((key) => hashKey(key)),
  );
  const lastData = new Map<string, unknown>();
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const hash = event.query.queryHash;
    if (!watched.has(hash)) return;
    const data: unknown = event.query.state.data;
    const previous = lastData.get(hash);
    lastData.set(hash, data);
    // Structural sharing keeps the same object for an unchanged response, so a new object means new data.
    if (previous !== undefined && previous !== data) {
      void queryClient.invalidateQueries({ queryKey: verdictKey(name, version), exact: true });
    }
  });
}

/** Loads the verdict of a version and keeps it in step with the version's signature and scan panels. */
export function useVersionVerdict(name: string, version: string) {
  const queryClient = useQueryClient();

  useEffect(() => followVersionPanels(queryClient, name, version), [queryClient, name, version]);

  return useQuery(versionVerdictQueryOptions(name, version));
}
