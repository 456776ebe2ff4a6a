import { userListSchema, type UserList } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { userKeys } from './user-keys';

export function getUsers(client: ApiClient, signal?: AbortSignal): Promise<UserList> {
  return client.getJson('/users', userListSchema, { signal });
}

export function usersQueryOptions(client: ApiClient = apiClient) {
  return queryOptions({ queryKey: userKeys.users(), queryFn: ({ signal }) => getUsers(client, signal) });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
