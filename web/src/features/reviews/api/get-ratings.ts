import { pluginRatingsSchema, type PluginRatings } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginReviewsPath, reviewKeys } from './review-keys';

export function getRatings(client: ApiClient, plugin: string, signal?: AbortSignal): Promise<PluginRatings> {
  return client.getJson(`${pluginReviewsPath(plugin)}/ratings`, pluginRatingsSchema, { signal });
}

export function ratingsQueryOptions(plugin: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: reviewKeys.ratings(plugin),
    queryFn: ({ signal }) => getRatings(client, plugin, signal),
  });
}

export function useRatings(plugin: string) {
  return useQuery(ratingsQueryOptions(plugin));
}
