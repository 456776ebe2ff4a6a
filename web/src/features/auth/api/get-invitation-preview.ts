import { invitationPreviewSchema, type InvitationPreview } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getInvitationPreview(
  client: ApiClient,
  token: string,
  signal?: AbortSignal,
): Promise<InvitationPreview> {
  return client.getJson('/invitations/preview', invitationPreviewSchema, { search: { token }, signal });
}

export function invitationPreviewQueryOptions(token: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: ['invitations', 'preview', token] as const,
    queryFn: ({ signal }) => getInvitationPreview(client, token, signal),
    retry: false,
  });
}

export function useInvitationPreview(token: string) {
  return useQuery(invitationPreviewQueryOptions(token));
}
