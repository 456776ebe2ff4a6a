import { signerSchema, type CreateSignerBody, type Signer } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterSignerChange } from './signer-keys';

export function createSigner(client: ApiClient, body: CreateSignerBody): Promise<Signer> {
  return client.sendJson('POST', '/signers', { body, schema: signerSchema });
}

export function useCreateSigner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSignerBody) => createSigner(apiClient, body),
    onSuccess: () => afterSignerChange(queryClient),
  });
}
