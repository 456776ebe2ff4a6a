import { trustPolicyHistorySchema, type TrustPolicyHistory } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

export function getPolicyHistory(client: ApiClient, signal?: AbortSignal): Promise<TrustPolicyHistory> {
  return client.getJson('/policy/versions', trustPolicyHistorySchema, { signal });
}

export function policyHistoryQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: policyKeys.history(),
    queryFn: ({ signal }) => getPolicyHistory(client, signal),
  });
}

export function usePolicyHistory() {
  return useQuery(policyHistoryQueryOptions());
}
