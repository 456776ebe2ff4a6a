import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useStaleScans } from '@/features/admin-overview/api/get-stale-scans';
import { StaleScanItem } from '@/features/admin-overview/components/stale-scans';
import { RequireRole } from '@/features/auth/components/require-role';
import { Pagination } from '@/features/catalog/components/pagination';
import { describeError } from '@/lib/describe-error';

/** Reads `?page=` as a whole number of 1 or more; anything else shows the first page. */
function pageOf(search: URLSearchParams): number {
  const page = Number(search.get('page') ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

function StaleScanPageBody({ page }: { page: number }) {
  const scans = useStaleScans(page);
  if (scans.isPending) return <Skeleton className="h-64" />;
  if (scans.isError) {
    return <ErrorState text={describeError(scans.error)} onRetry={() => void scans.refetch()} />;
  }

  const { items, total, pageSize } = scans.data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  return (
    <Panel
      title="Plugins"
      aside={
        <MutedText>
          {items.length === 0 ? `${total} in all` : `${first}-${first + items.length - 1} of ${total}`}
        </MutedText>
      }
    >
      {items.length === 0 ? (
        <MutedText>
          {total === 0
            ? "Every plugin's newest version has a fresh scan."
            : 'This page is past the end of the list.'}
        </MutedText>
      ) : (
        <ul className="space-y-2 text-sm">
          {items.map((scan) => (
            <StaleScanItem key={scan.plugin} scan={scan} />
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageCount={pageCount}
        hrefForPage={(target) => paths.staleScans.build(target)}
      />
    </Panel>
  );
}

/** Every plugin whose newest version has no usable, fresh scan, which the overview lists only the first of. */
export function StaleScansRoute() {
  const [search] = useSearchParams();
  const page = pageOf(search);
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <title>Scans to renew · Assay</title>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to={paths.adminOverview.build()} className={linkClasses}>
          Overview
        </Link>{' '}
        / Scans to renew
      </nav>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Scans to renew</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Plugins whose newest version has no scan, only an unverified one, or one older than the{' '}
          <Link to={paths.policy.build()} className={linkClasses}>
            trust policy
          </Link>{' '}
          allows. Aged scans come first, oldest first.
        </p>
      </div>
      <RequireRole role="admin">
        <StaleScanPageBody page={page} />
      </RequireRole>
    </div>
  );
}
