import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterViewerChange } from './sign-in';

const signedOutSchema = z.object({ csrfToken: z.string() });

export function signOut(client: ApiClient): Promise<{ csrfToken: string }> {
  return client.sendJson('DELETE', '/session', { schema: signedOutSchema });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => signOut(apiClient),
    onSuccess: (result) => afterViewerChange(apiClient, queryClient, result.csrfToken),
  });
}
