import { invitationListSchema } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export type InvitationList = z.output<typeof invitationListSchema>;

export function getInvitations(client: ApiClient, signal?: AbortSignal): Promise<InvitationList> {
  return client.getJson('/invitations', invitationListSchema, { signal });
}

export function invitationsQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: userKeys.invitations(),
    queryFn: ({ signal }) => getInvitations(client, signal),
  });
}

export function useInvitations() {
  return useQuery(invitationsQueryOptions());
}
