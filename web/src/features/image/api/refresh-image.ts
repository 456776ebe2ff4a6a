import { imageDetailsSchema, type ImageDetails } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

function versionPath(plugin: string, version: string): string {
  return `/plugins/${encodeURIComponent(plugin)}/versions/${encodeURIComponent(version)}`;
}

/**
 * Requests that the API resolve the version's image in its registry now, skipping the tag cache (admins only).
 * A registry failure arrives as an ApiError with status 502 or 504 and a message naming the registry.
 */
export function refreshImage(client: ApiClient, plugin: string, version: string): Promise<ImageDetails> {
  return client.sendJson('POST', `${versionPath(plugin, version)}/image/refresh`, {
    schema: imageDetailsSchema,
  });
}

export function useRefreshImage(plugin: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => refreshImage(apiClient, plugin, version),
    // The API stores a failed lookup on the version too, so both outcomes change the version's page:
    // its detail, verdict, signatures and scan all sit under this key. The catalog's registry and
    // signature badges refetch when the catalog is shown again.
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plugins', plugin, 'versions', version] });
      await queryClient.invalidateQueries({ queryKey: ['plugins'], refetchType: 'none' });
    },
  });
}
