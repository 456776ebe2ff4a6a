import { signerSchema, type RevokeSignerBody, type Signer } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterSignerChange, signerApiPath } from './signer-keys';

export function revokeSigner(client: ApiClient, id: string, body: RevokeSignerBody): Promise<Signer> {
  return client.sendJson('POST', `${signerApiPath(id)}/revoke`, { body, schema: signerSchema });
}

export function useRevokeSigner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RevokeSignerBody) => revokeSigner(apiClient, id, body),
    onSuccess: () => afterSignerChange(queryClient),
  });
}
