import { trustPolicyVersionSchema, type TrustPolicyVersion } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

/** The policy in force, or one version of it when `version` is given. */
export function getPolicy(
  client: ApiClient,
  version: number | undefined,
  signal?: AbortSignal,
): Promise<TrustPolicyVersion> {
  const path = version === undefined ? '/policy' : `/policy/versions/${version}`;
  return client.getJson(path, trustPolicyVersionSchema, { signal });
}

export function policyQueryOptions(version: number | undefined, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: version === undefined ? policyKeys.current() : policyKeys.version(version),
    queryFn: ({ signal }) => getPolicy(client, version, signal),
  });
}

export function usePolicy(version: number | undefined) {
  return useQuery(policyQueryOptions(version));
}
