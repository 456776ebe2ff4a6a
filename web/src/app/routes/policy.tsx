import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { PanelErrorBoundary } from '@/components/ui/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/get-session';
import { usePolicy } from '@/features/policy/api/get-policy';
import { PolicyEditor } from '@/features/policy/components/policy-editor';
import { PolicyHistory } from '@/features/policy/components/policy-history';
import { PolicySummary } from '@/features/policy/components/policy-summary';
import { describeError } from '@/lib/describe-error';

function versionParameter(search: URLSearchParams): number | undefined {
  const text = search.get('version');
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The trust policy: any version for everyone to read, and the editor for administrators. */
export function PolicyRoute() {
  const [search] = useSearchParams();
  const version = versionParameter(search);
  const policy = usePolicy(version);
  const isAdmin = useSession().data?.user?.role === 'admin';
  const [editing, setEditing] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | undefined>();

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <title>Trust policy · Assay</title>
      <h1 className="text-2xl font-bold tracking-tight">Trust policy</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        The rules every verdict is computed with: which signers count, how old a scan may be, which findings
        fail, and which findings an exception accepts for a while.
      </p>
      {isAdmin && (
        <p className="mt-2 text-sm">
          <Link to={paths.exports.build()} className={linkClasses}>
            Export the approved signers for policy-controller, Kyverno or Podman
          </Link>
        </p>
      )}

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          {savedVersion !== undefined && !editing && (
            <Callout tone="good" title={`Saved as version ${savedVersion}`} role="status">
              <p>Every verdict now uses the new version.</p>
            </Callout>
          )}
          {policy.isPending && <Skeleton className="h-64" />}
          {policy.isError && (
            <ErrorState
              text={describeError(policy.error, {
                'not-found': (failure) => ({
                  title: `Policy version ${version} not found`,
                  detail: failure.message,
                  retryable: false,
                }),
              })}
              onRetry={() => void policy.refetch()}
            >
              <Link to={paths.policy.build()} className={linkClasses}>
                Show the policy in force
              </Link>
            </ErrorState>
          )}
          {policy.isSuccess && !policy.data.isCurrent && (
            <Callout tone="info" title={`This is version ${policy.data.version}, not the policy in force`}>
              <p>
                <Link to={paths.policy.build()} className={linkClasses}>
                  Show the policy in force
                </Link>
              </p>
            </Callout>
          )}
          {policy.isSuccess &&
            (editing && policy.data.isCurrent ? (
              <PolicyEditor
                current={policy.data}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  setSavedVersion(saved.version);
                  setEditing(false);
                }}
              />
            ) : (
              <>
                {isAdmin && policy.data.isCurrent && (
                  <Button variant="primary" onClick={() => setEditing(true)}>
                    Edit the policy
                  </Button>
                )}
                <PolicySummary version={policy.data} />
              </>
            ))}
        </div>
        <div className="min-w-0">
          <PanelErrorBoundary title="Version history">
            <PolicyHistory selected={version} />
          </PanelErrorBoundary>
        </div>
      </div>
    </div>
  );
}
