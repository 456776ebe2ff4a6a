import { signedInSchema, type SignedIn } from '@assay/api/contract';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export interface Credentials {
  username: string;
  password: string;
}

export function signIn(client: ApiClient, credentials: Credentials): Promise<SignedIn> {
  return client.sendJson('POST', '/session', { body: credentials, schema: signedInSchema });
}

/** After the viewer changes, every cached answer may be wrong (own reviews, hidden ones, admin data). */
export async function afterViewerChange(client: ApiClient, queryClient: QueryClient, csrfToken: string) {
  client.setCsrfToken(csrfToken);
  await queryClient.resetQueries();
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => signIn(apiClient, credentials),
    onSuccess: (result) => afterViewerChange(apiClient, queryClient, result.csrfToken),
  });
}
