import { catalogPageSchema, type CatalogPage, type CatalogQuery } from '@assay/api/contract';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';

export function getCatalog(
  client: ApiClient,
  query: CatalogQuery,
  signal?: AbortSignal,
): Promise<CatalogPage> {
  return client.getJson('/plugins', catalogPageSchema, { search: { ...query }, signal });
}

export function catalogQueryOptions(query: CatalogQuery, client: ApiClient = apiClient) {
  return queryOptions({
    // An object in the second place keeps catalog keys apart from ['plugins', name] keys of single plugins.
    queryKey: ['plugins', { catalog: query }],
    queryFn: ({ signal }) => getCatalog(client, query, signal),
    // Keeps the previous result on screen while a new filter combination loads, so the list does not jump.
    placeholderData: keepPreviousData,
  });
}

export function useCatalog(query: CatalogQuery) {
  return useQuery(catalogQueryOptions(query));
}
