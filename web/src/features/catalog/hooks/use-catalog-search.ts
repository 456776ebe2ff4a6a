import type { CatalogQuery } from '@assay/api/contract';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseCatalogSearch, toCatalogSearchParams, updateCatalogQuery } from '../catalog-search';

export interface CatalogSearch {
  query: CatalogQuery;
  /** Changes part of the state and records it as a new history entry, so back and forward step through searches. */
  update: (change: Partial<CatalogQuery>) => void;
  /** Removes search text and filters but keeps the sort order. */
  clearFilters: () => void;
}

/** Reads and changes the catalog's search, filters, sort and page, which live in the URL query string. */
export function useCatalogSearch(): CatalogSearch {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseCatalogSearch(params), [params]);

  const update = useCallback(
    (change: Partial<CatalogQuery>) => {
      setParams((previous) =>
        toCatalogSearchParams(updateCatalogQuery(parseCatalogSearch(previous), change)),
      );
    },
    [setParams],
  );

  const clearFilters = useCallback(() => {
    setParams((previous) => {
      const { sort, pageSize } = parseCatalogSearch(previous);
      return toCatalogSearchParams({ sort, pageSize });
    });
  }, [setParams]);

  return { query, update, clearFilters };
}
