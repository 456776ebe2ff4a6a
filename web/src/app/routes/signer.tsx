import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Panel } from '@/components/ui/panel';
import { PanelErrorBoundary } from '@/components/ui/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/get-session';
import { useSigner } from '@/features/signers/api/get-signer';
import { SignedImages } from '@/features/signers/components/signed-images';
import { SignerActions } from '@/features/signers/components/signer-actions';
import { SignerHistory } from '@/features/signers/components/signer-history';
import { SignerIdentity } from '@/features/signers/components/signer-identity';
import { SignerSettingsForm } from '@/features/signers/components/signer-settings-form';
import { SignerStatusBadge } from '@/features/signers/components/signer-status-badge';
import { describeError } from '@/lib/describe-error';

function Breadcrumb({ title }: { title: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600 dark:text-slate-400">
        <li>
          <Link to={paths.signers.build()} className={linkClasses}>
            Signers
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="min-w-0 truncate">
          {title}
        </li>
      </ol>
    </nav>
  );
}

export function SignerRoute() {
  const id = useParams().id ?? '';
  const signer = useSigner(id);
  const session = useSession();
  const isAdmin = session.data?.user?.role === 'admin';

  if (signer.isPending) {
    return (
      <div className="mx-auto max-w-5xl space-y-4 px-4 py-6 sm:px-6">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  if (signer.isError) {
    const text = describeError(signer.error, {
      'not-found': () => ({
        title: 'Signer not found',
        detail: `Assay has no signer with id “${id}”.`,
        retryable: false,
      }),
    });
    return (
      <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
        <title>Signer not found · Assay</title>
        <Breadcrumb title={id} />
        <ErrorState text={text} onRetry={() => void signer.refetch()} />
      </div>
    );
  }

  const { signer: record, history, images, imagesTruncated } = signer.data;
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:px-6">
      <title>{`${record.displayName} · Signers · Assay`}</title>
      <div>
        <Breadcrumb title={record.displayName} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight break-words">{record.displayName}</h1>
          <SignerStatusBadge status={record.status} expired={record.expired} />
        </div>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {record.kind === 'key' ? 'Public key signer' : 'Keyless identity signer'}
        </p>
        {record.status === 'revoked' && record.statusReason && (
          <p className="mt-2 text-sm text-red-800 dark:text-red-300">Revoked: {record.statusReason}</p>
        )}
      </div>

      <Panel title="Identity">
        <SignerIdentity signer={record} />
      </Panel>

      {isAdmin && (
        <PanelErrorBoundary title="Decision">
          <Panel title="Decision">
            <SignerActions signer={record} />
          </Panel>
        </PanelErrorBoundary>
      )}
      {isAdmin && (
        <PanelErrorBoundary title="Settings">
          <Panel title="Scope and expiry">
            <SignerSettingsForm
              key={`${record.id}-${record.displayName}-${record.scope.join()}-${record.expiresAt ?? ''}`}
              signer={record}
            />
          </Panel>
        </PanelErrorBoundary>
      )}

      <Panel
        title="Images signed"
        aside={<span className="text-sm text-slate-600 dark:text-slate-400">{record.imageCount}</span>}
      >
        <SignedImages images={images} truncated={imagesTruncated} />
      </Panel>

      <Panel title="Status history">
        <SignerHistory history={history} />
      </Panel>
    </div>
  );
}
