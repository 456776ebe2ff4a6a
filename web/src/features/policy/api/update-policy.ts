import {
  trustPolicyVersionSchema,
  type TrustPolicyVersion,
  type UpdateTrustPolicyBody,
} from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { policyKeys } from './policy-keys';

export function updatePolicy(client: ApiClient, body: UpdateTrustPolicyBody): Promise<TrustPolicyVersion> {
  return client.sendJson('PUT', '/policy', { body, schema: trustPolicyVersionSchema });
}

/** Saves a new policy version; every verdict may change with it, so plugin and admin queries refresh too. */
export function useUpdatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTrustPolicyBody) => updatePolicy(apiClient, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: policyKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['plugins'] }),
        queryClient.invalidateQueries({ queryKey: ['admin'] }),
      ]);
    },
  });
}
