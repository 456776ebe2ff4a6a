import { setupPreviewSchema, type SetupPreview } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getSetupPreview(
  client: ApiClient,
  token: string,
  signal?: AbortSignal,
): Promise<SetupPreview> {
  return client.getJson('/setup/preview', setupPreviewSchema, { search: { token }, signal });
}

export function setupPreviewQueryOptions(token: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: ['setup', 'preview', token] as const,
    queryFn: ({ signal }) => getSetupPreview(client, token, signal),
    retry: false,
  });
}

/** Checks, before the form shows, whether the setup link's token can still create the first admin. */
export function useSetupPreview(token: string) {
  return useQuery(setupPreviewQueryOptions(token));
}
