import { Link, useNavigate, useSearchParams } from 'react-router';
import { buttonClasses } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { useSession } from '@/features/auth/api/get-session';
import { SignInForm } from '@/features/auth/components/sign-in-form';

/** Only paths inside the app, so a crafted link cannot send people to another site after sign-in. */
function safeReturnTo(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}

const providerErrors: Record<string, string> = {
  'oidc-failed': 'Sign-in through your institution failed. Try again, or use a local account.',
  'oidc-no-role': 'Your institution account has no role in Assay. Ask an admin for access.',
  'oidc-expired': 'The sign-in took too long. Start again.',
};

export function SignInRoute() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const returnTo = safeReturnTo(search.get('returnTo'));
  const providerError = providerErrors[search.get('error') ?? ''];
  const oidc = session.data?.oidc;

  return (
    <div className="mx-auto max-w-md px-4 py-10 sm:px-6">
      <title>Sign in · Assay</title>
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Reviewers rate and review plugin versions; admins also manage signers, scans, users and reviews.
      </p>
      <div className="mt-6 space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {providerError && <Callout tone="bad" title={providerError} role="alert" />}
        {session.data?.setupRequired && (
          <Callout tone="info" title="No admin account exists yet">
            <p>
              Open the setup link printed in the server log, or create one with{' '}
              <code className="font-mono">node api/src/cli.ts create-admin</code>.
            </p>
          </Callout>
        )}
        <SignInForm onSignedIn={() => void navigate(returnTo)} />
        {oidc?.enabled && (
          <a
            href={`/api/v1/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`}
            className={buttonClasses('secondary')}
          >
            {oidc.label}
          </a>
        )}
        {session.data?.signUp === 'open' && (
          <p className="text-sm">
            No account yet?{' '}
            <Link to={paths.signUp.build()} className={linkClasses}>
              Create one
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}
