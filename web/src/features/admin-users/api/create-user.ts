import { createdUserSchema, type AccountRole, type CreatedUser } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export interface NewUser {
  username: string;
  displayName: string;
  role: AccountRole;
  /** Undefined: the server generates one and returns it once. */
  password?: string;
}

export function createUser(client: ApiClient, user: NewUser): Promise<CreatedUser> {
  return client.sendJson('POST', '/users', { body: user, schema: createdUserSchema });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => createUser(apiClient, user),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.users() }),
  });
}
