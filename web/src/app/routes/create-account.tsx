import { useNavigate, useSearchParams } from 'react-router';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { useInvitationPreview } from '@/features/auth/api/get-invitation-preview';
import { AccountForm } from '@/features/auth/components/account-form';
import { SetupForm } from '@/features/auth/components/setup-form';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';

function Page({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-10 sm:px-6">
      <title>{`${title} · Assay`}</title>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{intro}</p>
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {children}
      </div>
    </div>
  );
}

export function SignUpRoute() {
  const navigate = useNavigate();
  return (
    <Page title="Create an account" intro="New accounts can rate and review plugin versions.">
      <AccountForm
        source={{ kind: 'sign-up' }}
        submitLabel="Create account"
        onCreated={() => void navigate('/')}
      />
    </Page>
  );
}

export function SetupRoute() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  return (
    <Page
      title="Create the first admin"
      intro="This one-time link from the server log creates the first admin account."
    >
      {token ? (
        <SetupForm
          token={token}
          onCreated={() => void navigate(paths.adminUsers.build(), { replace: true })}
        />
      ) : (
        <Callout tone="warning" title="The setup link is incomplete">
          <p>Open the whole link from the server log; it ends with ?token=…</p>
        </Callout>
      )}
    </Page>
  );
}

export function JoinRoute() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const preview = useInvitationPreview(token);

  let body: React.ReactNode;
  if (preview.isPending) body = <Skeleton className="h-40" />;
  else if (preview.isError) {
    body = (
      <ErrorState
        text={describeError(preview.error, {
          'not-found': (failure) => ({
            title: 'This invitation cannot be used',
            detail: failure.message,
            retryable: false,
          }),
        })}
      />
    );
  } else {
    const expires = formatTime(preview.data.expiresAt);
    body = (
      <div className="space-y-4">
        <p className="text-sm">
          You are invited as <strong>{preview.data.role}</strong>
          {expires && (
            <>
              ; the invitation expires <time dateTime={expires.iso}>{expires.relative}</time>
            </>
          )}
          .
        </p>
        <AccountForm
          source={{ kind: 'invitation', token }}
          submitLabel="Accept invitation"
          onCreated={() => void navigate(paths.catalog.build(), { replace: true })}
        />
      </div>
    );
  }
  return (
    <Page title="Accept your invitation" intro="Choose how you sign in to Assay.">
      {body}
    </Page>
  );
}
