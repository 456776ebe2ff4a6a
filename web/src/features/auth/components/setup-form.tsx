import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useSetupPreview } from '../api/get-setup-preview';
import { AccountForm } from './account-form';

/**
 * Shows the first-admin form of a setup link after checking its token, so that a used, expired or
 * unknown link is reported at once instead of behind a form that can only fail.
 */
export function SetupForm({ token, onCreated }: { token: string; onCreated: () => void }) {
  const preview = useSetupPreview(token);

  if (preview.isPending) return <Skeleton className="h-40" />;
  if (preview.isError) {
    return (
      <div className="space-y-3">
        <ErrorState
          text={describeError(preview.error, {
            'not-found': (failure) => ({
              title: 'This setup link cannot be used',
              detail: failure.message,
              retryable: false,
            }),
          })}
          onRetry={() => void preview.refetch()}
        />
        <p className="text-sm">
          <Link to={paths.signIn.build()} className={linkClasses}>
            Go to sign-in
          </Link>
        </p>
      </div>
    );
  }

  const expires = formatTime(preview.data.expiresAt);
  return (
    <div className="space-y-4">
      {expires && (
        <p className="text-sm">
          This link expires <time dateTime={expires.iso}>{expires.relative}</time>.
        </p>
      )}
      <AccountForm
        source={{ kind: 'setup', token }}
        submitLabel="Create admin account"
        onCreated={onCreated}
      />
    </div>
  );
}
