import type { CatalogQuery } from '@assay/api/contract';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { useCatalog } from '@/features/catalog/api/get-catalog';
import { toCatalogSearchParams, updateCatalogQuery } from '@/features/catalog/catalog-search';
import { CatalogSkeleton } from '@/features/catalog/components/catalog-skeleton';
import { EmptyState } from '@/features/catalog/components/empty-state';
import { FilterPanel } from '@/features/catalog/components/filter-panel';
import { Pagination } from '@/features/catalog/components/pagination';
import { PluginCard } from '@/features/catalog/components/plugin-card';
import { SearchBox } from '@/features/catalog/components/search-box';
import { SortSelect } from '@/features/catalog/components/sort-select';
import { useCatalogSearch } from '@/features/catalog/hooks/use-catalog-search';
import { describeError } from '@/lib/describe-error';
import { invalidInputText } from '@/lib/field-errors';

function ResultSummary({
  total,
  page,
  pageSize,
  itemCount,
}: {
  total: number;
  page: number;
  pageSize: number;
  itemCount: number;
}) {
  if (total === 0) return <>No plugins found</>;
  const noun = total === 1 ? 'plugin' : 'plugins';
  // A page past the end has no items, and CatalogResults explains that under this summary.
  if (itemCount === 0) return <>{`${total} ${noun}`}</>;
  const first = (page - 1) * pageSize + 1;
  const last = first + itemCount - 1;
  if (first === 1 && last === total) return <>{`${total} ${noun}`}</>;
  return <>{`Showing ${first}–${last} of ${total} ${noun}`}</>;
}

export function CatalogRoute() {
  const { query, update, clearFilters } = useCatalogSearch();
  const catalog = useCatalog(query);
  const data = catalog.data;

  const onSearch = useCallback((q: string) => update({ q: q || undefined }), [update]);
  const hrefForPage = (page: number) =>
    paths.catalog.build(toCatalogSearchParams(updateCatalogQuery(query, { page })));
  const defaultSort = query.q ? 'relevance' : 'name';

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <title>{query.q ? `“${query.q}” · Plugins · Assay` : 'Plugins · Assay'}</title>
      <h1 className="text-2xl font-bold tracking-tight">Plugins</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Containerized WIPP image-analysis plugins, with the exact image behind each version.
      </p>

      <div className="mt-4 max-w-3xl">
        <SearchBox value={query.q ?? ''} onSearch={onSearch} />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside aria-label="Filters">
          <FilterPanel
            query={query}
            facets={data?.facets}
            facetsFailed={catalog.isError && !data}
            onChange={update}
            onClear={clearFilters}
          />
        </aside>

        <section aria-labelledby="catalog-results-heading" className="min-w-0">
          <h2 id="catalog-results-heading" className="sr-only">
            Results
          </h2>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <p role="status" className="text-sm font-medium">
              {data ? (
                <ResultSummary
                  total={data.total}
                  page={data.page}
                  pageSize={data.pageSize}
                  itemCount={data.items.length}
                />
              ) : catalog.isPending ? (
                'Loading plugins…'
              ) : null}
            </p>
            <SortSelect
              value={query.sort ?? defaultSort}
              hasSearchText={Boolean(query.q)}
              onChange={(sort) => update({ sort })}
            />
          </div>

          <CatalogResults catalog={catalog} query={query} onClear={clearFilters} hrefForPage={hrefForPage} />
        </section>
      </div>
    </div>
  );
}

function CatalogResults({
  catalog,
  query,
  onClear,
  hrefForPage,
}: {
  catalog: ReturnType<typeof useCatalog>;
  query: CatalogQuery;
  onClear: () => void;
  hrefForPage: (page: number) => string;
}) {
  if (catalog.isPending) return <CatalogSkeleton />;

  if (catalog.isError) {
    const text = describeError(catalog.error, {
      'invalid-input': (failure) => ({
        title: 'This search cannot be run',
        detail: `${invalidInputText(failure)} Clear the search and filters to start again.`,
        retryable: false,
      }),
    });
    return (
      <ErrorState text={text} onRetry={() => void catalog.refetch()}>
        <Button onClick={onClear}>Clear search and filters</Button>
      </ErrorState>
    );
  }

  const data = catalog.data;
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (data.items.length === 0 && data.total > 0) {
    // A bookmarked or edited page number past the end, for example after plugins were removed.
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
        <p className="font-semibold">Page {data.page} does not exist.</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          This result has {data.total} {data.total === 1 ? 'plugin' : 'plugins'} on{' '}
          {pageCount === 1 ? '1 page' : `${pageCount} pages`}.
        </p>
        <p className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
          <Link to={hrefForPage(pageCount)} className={linkClasses}>
            Go to the last page ({pageCount})
          </Link>
          {pageCount > 1 && (
            <Link to={hrefForPage(1)} className={linkClasses}>
              Go to the first page
            </Link>
          )}
        </p>
      </div>
    );
  }
  if (data.items.length === 0) return <EmptyState query={query} onClear={onClear} />;

  return (
    <>
      <ul
        aria-busy={catalog.isPlaceholderData}
        className={`grid gap-4 xl:grid-cols-2 ${catalog.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}`}
      >
        {data.items.map((plugin) => (
          <li key={plugin.name}>
            <PluginCard plugin={plugin} />
          </li>
        ))}
      </ul>
      <Pagination page={data.page} pageCount={pageCount} hrefForPage={hrefForPage} />
    </>
  );
}
