import { signerDetailSchema, type SignerDetail } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { signerApiPath, signerKeys } from './signer-keys';

export function getSigner(client: ApiClient, id: string, signal?: AbortSignal): Promise<SignerDetail> {
  return client.getJson(signerApiPath(id), signerDetailSchema, { signal });
}

export function signerQueryOptions(id: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: signerKeys.detail(id),
    queryFn: ({ signal }) => getSigner(client, id, signal),
  });
}

export function useSigner(id: string) {
  return useQuery(signerQueryOptions(id));
}
