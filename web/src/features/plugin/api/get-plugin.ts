import { pluginDetailSchema, type PluginDetail } from '@assay/api/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginApiPath, pluginKeys } from './plugin-keys';

export function getPlugin(client: ApiClient, name: string, signal?: AbortSignal): Promise<PluginDetail> {
  return client.getJson(pluginApiPath(name), pluginDetailSchema, { signal });
}

export function pluginQueryOptions(name: string, client: ApiClient = apiClient) {
  return queryOptions({
    queryKey: pluginKeys.detail(name),
    queryFn: ({ signal }) => getPlugin(client, name, signal),
  });
}

export function usePlugin(name: string) {
  return useQuery(pluginQueryOptions(name));
}
