import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import type { useRefreshImage } from '../api/refresh-image';

/** Renders the admin's "Refresh from registry" button. */
export function RefreshImageButton({ refresh }: { refresh: ReturnType<typeof useRefreshImage> }) {
  return (
    <Button size="sm" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
      {refresh.isPending ? 'Refreshing…' : 'Refresh from registry'}
    </Button>
  );
}

/** Shows the outcome of the last refresh in the panel: when the registry was checked, or why the refresh failed. */
export function RefreshImageOutcome({ refresh }: { refresh: ReturnType<typeof useRefreshImage> }) {
  if (refresh.isError) {
    const text = describeError(refresh.error);
    return (
      <Callout tone="bad" title={`Refresh failed: ${text.title}`} role="alert">
        <p>{text.detail}</p>
      </Callout>
    );
  }
  if (refresh.isSuccess) {
    const checked = refresh.data.checkedAt ? formatTime(refresh.data.checkedAt) : undefined;
    return (
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
        Refreshed from {refresh.data.registry}
        {checked ? (
          <>
            {' '}
            <time dateTime={checked.iso} title={checked.absolute}>
              {checked.relative}
            </time>
            .
          </>
        ) : (
          '.'
        )}
      </p>
    );
  }
  return null;
}
