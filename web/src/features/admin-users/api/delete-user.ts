import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export async function deleteUser(client: ApiClient, id: string): Promise<void> {
  await client.sendJson('DELETE', `/users/${encodeURIComponent(id)}`);
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteUser(apiClient, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.users() }),
  });
}
