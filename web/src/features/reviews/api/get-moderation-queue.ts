import { moderationPageSchema, type ModerationPage } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { reviewKeys } from './review-keys';

export type ModerationStatus = 'reported' | 'hidden';

export function getModerationQueue(
  client: ApiClient,
  status: ModerationStatus,
  page: number,
  signal?: AbortSignal,
): Promise<ModerationPage> {
  return client.getJson('/moderation/reviews', moderationPageSchema, { search: { status, page }, signal });
}

export function moderationQueueQueryOptions(
  status: ModerationStatus,
  page: number,
  client: ApiClient = apiClient,
) {
  return queryOptions({
    queryKey: reviewKeys.moderationPage(status, page),
    queryFn: ({ signal }) => getModerationQueue(client, status, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useModerationQueue(status: ModerationStatus, page: number) {
  return useQuery(moderationQueueQueryOptions(status, page));
}
