import { createdInvitationSchema, type AccountRole, type CreatedInvitation } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export interface NewInvitation {
  role: AccountRole;
  note: string;
  expiresInDays: number;
}

export function createInvitation(client: ApiClient, invitation: NewInvitation): Promise<CreatedInvitation> {
  return client.sendJson('POST', '/invitations', { body: invitation, schema: createdInvitationSchema });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitation: NewInvitation) => createInvitation(apiClient, invitation),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.invitations() }),
  });
}
