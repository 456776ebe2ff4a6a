import { signerSchema, type ApproveSignerBody, type Signer } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterSignerChange, signerApiPath } from './signer-keys';

export function approveSigner(client: ApiClient, id: string, body: ApproveSignerBody): Promise<Signer> {
  return client.sendJson('POST', `${signerApiPath(id)}/approve`, { body, schema: signerSchema });
}

export function useApproveSigner(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApproveSignerBody) => approveSigner(apiClient, id, body),
    onSuccess: () => afterSignerChange(queryClient),
  });
}
