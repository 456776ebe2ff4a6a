import { signerListPageSchema, type SignerListPage, type SignerListQuery } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { signerKeys } from './signer-keys';

export function getSigners(
  client: ApiClient,
  query: SignerListQuery,
  signal?: AbortSignal,
): Promise<SignerListPage> {
  return client.getJson('/signers', signerListPageSchema, { search: { ...query }, signal });
}

export function signersQueryOptions(query: SignerListQuery, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: signerKeys.list(query),
    queryFn: ({ signal }) => getSigners(client, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSigners(query: SignerListQuery) {
  return useQuery(signersQueryOptions(query));
}
