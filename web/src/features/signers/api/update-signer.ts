import { signerSchema, type Signer, type UpdateSignerBody } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterSignerChange, signerApiPath } from './signer-keys';

export function updateSigner(client: ApiClient, id: string, body: UpdateSignerBody): Promise<Signer> {
  return client.sendJson('PATCH', signerApiPath(id), { body, schema: signerSchema });
}

export function useUpdateSigner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSignerBody) => updateSigner(apiClient, id, body),
    onSuccess: () => afterSignerChange(queryClient),
  });
}
