import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { PanelErrorBoundary } from '@/components/ui/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useAdminOverview } from '@/features/admin-overview/api/get-admin-overview';
import { PendingSigners } from '@/features/admin-overview/components/pending-signers';
import { RecentChanges } from '@/features/admin-overview/components/recent-changes';
import { StaleScans } from '@/features/admin-overview/components/stale-scans';
import { VerdictCounts } from '@/features/admin-overview/components/verdict-counts';
import { RequireRole } from '@/features/auth/components/require-role';
import { describeError } from '@/lib/describe-error';

function OverviewBody() {
  const overview = useAdminOverview();
  if (overview.isPending) return <Skeleton className="h-64" />;
  if (overview.isError) {
    return <ErrorState text={describeError(overview.error)} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Verdicts of each plugin's newest version under{' '}
        <Link to={paths.policy.build()} className={linkClasses}>
          trust policy version {data.policyVersion}
        </Link>
        .
      </p>
      <VerdictCounts counts={data.counts} />
      <div className="grid gap-6 lg:grid-cols-2">
        <PanelErrorBoundary title="Verdict changes">
          <RecentChanges
            changes={data.recentChanges}
            total={data.recentChangeTotal}
            windowDays={data.changeWindowDays}
          />
        </PanelErrorBoundary>
        <div className="space-y-6">
          <PanelErrorBoundary title="Signers to review">
            <PendingSigners signers={data.pendingSigners} total={data.pendingSignerTotal} />
          </PanelErrorBoundary>
          <PanelErrorBoundary title="Scans to renew">
            <StaleScans scans={data.staleScans} total={data.staleScanTotal} />
          </PanelErrorBoundary>
        </div>
      </div>
    </div>
  );
}

function AdminLinks() {
  return (
    <nav aria-label="Trust administration" className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
      <Link to={paths.policy.build()} className={linkClasses}>
        Trust policy
      </Link>
      <Link to={paths.auditLog.build()} className={linkClasses}>
        Audit log
      </Link>
      <Link to={paths.exports.build()} className={linkClasses}>
        Policy exports
      </Link>
      <Link to={paths.importManifest.build()} className={linkClasses}>
        Import a manifest
      </Link>
    </nav>
  );
}

export function AdminOverviewRoute() {
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <title>Overview · Assay</title>
      <h1 className="text-2xl font-bold tracking-tight">Overview</h1>
      <RequireRole role="admin">
        <div className="space-y-6">
          <AdminLinks />
          <OverviewBody />
        </div>
      </RequireRole>
    </div>
  );
}
