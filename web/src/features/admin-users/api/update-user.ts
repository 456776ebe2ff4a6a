import { userSchema, type AccountRole, type User } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export interface UserChange {
  id: string;
  role?: AccountRole;
  displayName?: string;
}

export function updateUser(client: ApiClient, { id, ...change }: UserChange): Promise<User> {
  return client.sendJson('PATCH', `/users/${encodeURIComponent(id)}`, { body: change, schema: userSchema });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: UserChange) => updateUser(apiClient, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.users() }),
  });
}
