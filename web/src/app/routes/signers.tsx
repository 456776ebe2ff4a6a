import type { SignerListQuery } from '@assay/api/contract';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/get-session';
import { useSigners } from '@/features/signers/api/get-signers';
import { AddSignerForm } from '@/features/signers/components/add-signer-form';
import { SignerFilters } from '@/features/signers/components/signer-filters';
import { SignerList } from '@/features/signers/components/signer-list';
import { parseSignerSearch, toSignerSearchParams } from '@/features/signers/lib/signer-search';
import { describeError } from '@/lib/describe-error';

function resultCount(total: number | undefined): string {
  if (total === undefined) return 'Loading signers…';
  return total === 1 ? '1 signer' : `${total} signers`;
}

export function SignersRoute() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const query = parseSignerSearch(params);
  const signers = useSigners(query);
  const session = useSession();
  const isAdmin = session.data?.user?.role === 'admin';

  function update(change: Partial<SignerListQuery>) {
    const next: SignerListQuery = { ...query, ...change };
    if (!('page' in change)) delete next.page;
    setParams(toSignerSearchParams(next));
  }

  const data = signers.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const hrefForPage = (page: number) => paths.signers.build(toSignerSearchParams({ ...query, page }));

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <title>Signers · Assay</title>
      <h1 className="text-2xl font-bold tracking-tight">Signers</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Public keys and keyless identities that sign plugin images. A signature counts as trusted only when
        its signer is approved, unexpired and scoped to the image's repository.
      </p>

      {isAdmin && (
        <details className="mt-4 max-w-3xl rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <summary className="cursor-pointer font-semibold">Add a signer</summary>
          <div className="mt-4">
            <AddSignerForm onCreated={(signer) => void navigate(paths.signer.build(signer.id))} />
          </div>
        </details>
      )}

      <div className="mt-6 grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside aria-label="Filters">
          <SignerFilters
            key={query.q ?? ''}
            query={query}
            statusCounts={data?.statusCounts}
            onChange={update}
          />
        </aside>
        <section aria-labelledby="signer-results" className="min-w-0">
          <h2 id="signer-results" className="mb-3 text-sm font-medium" role="status">
            {resultCount(data?.total)}
          </h2>
          {signers.isPending ? (
            <div className="space-y-3">
              <Skeleton className="h-20" />
              <Skeleton className="h-20" />
            </div>
          ) : signers.isError ? (
            <ErrorState text={describeError(signers.error)} onRetry={() => void signers.refetch()} />
          ) : signers.data.items.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm dark:border-slate-700">
              No signer matches these filters.
            </p>
          ) : (
            <>
              <SignerList signers={signers.data.items} />
              {pageCount > 1 && (
                <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
                  {signers.data.page > 1 && (
                    <Link to={hrefForPage(signers.data.page - 1)} className={linkClasses}>
                      Previous page
                    </Link>
                  )}
                  <span>
                    Page {signers.data.page} of {pageCount}
                  </span>
                  {signers.data.page < pageCount && (
                    <Link to={hrefForPage(signers.data.page + 1)} className={linkClasses}>
                      Next page
                    </Link>
                  )}
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
