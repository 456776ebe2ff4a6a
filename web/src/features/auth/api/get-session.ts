import { sessionStateSchema, type SessionState } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

/** Key of the session query; sign-in and sign-out reset every query, since many answers depend on the viewer. */
export const sessionKey = ['session'] as const;

export async function getSession(client: ApiClient, signal?: AbortSignal): Promise<SessionState> {
  const state = await client.getJson('/session', sessionStateSchema, { signal });
  client.setCsrfToken(state.csrfToken);
  return state;
}

export function sessionQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: sessionKey,
    queryFn: ({ signal }) => getSession(client, signal),
    staleTime: 60_000,
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions());
}
