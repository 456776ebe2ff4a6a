import { reviewPageSchema, type ReviewListQuery, type ReviewPage } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginReviewsPath, reviewKeys } from './review-keys';

export function getReviews(
  client: ApiClient,
  plugin: string,
  query: ReviewListQuery,
  signal?: AbortSignal,
): Promise<ReviewPage> {
  return client.getJson(`${pluginReviewsPath(plugin)}/reviews`, reviewPageSchema, {
    search: { version: query.version, sort: query.sort, page: query.page, pageSize: query.pageSize },
    signal,
  });
}

export function reviewsQueryOptions(plugin: string, query: ReviewListQuery, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: reviewKeys.list(plugin, query),
    queryFn: ({ signal }) => getReviews(client, plugin, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReviews(plugin: string, query: ReviewListQuery) {
  return useQuery(reviewsQueryOptions(plugin, query));
}
