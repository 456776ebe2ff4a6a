import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { reviewKeys } from './review-keys';

export async function deleteReview(client: ApiClient, id: string): Promise<void> {
  await client.sendJson('DELETE', `/reviews/${encodeURIComponent(id)}`);
}

export function useDeleteReview(plugin: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteReview(apiClient, id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.plugin(plugin) });
      // The catalog's ratings changed too; it refetches when shown again rather than now.
      await queryClient.invalidateQueries({ queryKey: ['plugins'], refetchType: 'none' });
    },
  });
}
