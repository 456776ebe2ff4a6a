import { maxReasonLength, type ModerationItem } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useModerationQueue, type ModerationStatus } from '../api/get-moderation-queue';
import { useModerateReview } from '../api/moderate-review';
import { isolateText } from '../lib/isolate-text';
import { ReviewItem } from './review-item';

function ModerationActions({ item }: { item: ModerationItem }) {
  const moderate = useModerateReview();
  const [reason, setReason] = useState('');
  const hidden = item.review.hidden !== null;
  const author = isolateText(item.review.author.displayName);

  function hide(event: FormEvent) {
    event.preventDefault();
    moderate.mutate({ id: item.review.id, action: 'hide', reason });
  }

  return (
    <div className="space-y-2">
      {hidden ? (
        <Button
          onClick={() => moderate.mutate({ id: item.review.id, action: 'restore' })}
          disabled={moderate.isPending}
        >
          Restore review by {author}
        </Button>
      ) : (
        <form onSubmit={hide} className="flex flex-wrap items-end gap-2" noValidate>
          <TextField
            label={`Reason for hiding the review by ${author} (shown to its author)`}
            value={reason}
            maxLength={maxReasonLength}
            onChange={(event) => setReason(event.target.value)}
            className="min-w-64 flex-1"
          />
          <Button type="submit" variant="primary" disabled={moderate.isPending || reason.trim() === ''}>
            Hide review
          </Button>
          {item.openReportCount > 0 && (
            <Button
              onClick={() => moderate.mutate({ id: item.review.id, action: 'dismiss-reports' })}
              disabled={moderate.isPending}
            >
              Dismiss reports
            </Button>
          )}
        </form>
      )}
      {moderate.isError && (
        <Callout tone="bad" title="Not saved" role="alert">
          <p>{isApiError(moderate.error) ? moderate.error.failure.message : 'Try again.'}</p>
        </Callout>
      )}
    </div>
  );
}

function QueueItem({ item }: { item: ModerationItem }) {
  return (
    <li className="space-y-2 py-3">
      <p className="text-sm">
        <Link to={paths.pluginVersion.build(item.review.plugin, item.review.version)} className={linkClasses}>
          {item.review.plugin} {item.review.version}
        </Link>
        {item.review.hidden && (
          <span className="text-slate-600 dark:text-slate-400">
            {' '}
            · hidden by {item.hiddenBy ?? 'an admin'}: <bdi>{item.review.hidden.reason}</bdi>
          </span>
        )}
      </p>
      <ReviewItem review={item.review} canReport={false} />
      {item.reports.length > 0 && (
        <ul className="space-y-1 text-sm" aria-label="Reports">
          {item.reports.map((report) => (
            <li key={report.id}>
              <bdi className="font-medium">{report.reporter.displayName}</bdi>: <bdi>{report.reason}</bdi>{' '}
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {formatTime(report.createdAt)?.relative}
                {report.resolution && ` · ${report.resolution}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <ModerationActions item={item} />
    </li>
  );
}

/** Reported reviews to act on, and hidden reviews to restore. */
export function ModerationQueue() {
  const [status, setStatus] = useState<ModerationStatus>('reported');
  const [page, setPage] = useState(1);
  const queue = useModerationQueue(status, page);
  const pages = queue.data ? Math.max(1, Math.ceil(queue.data.total / queue.data.pageSize)) : 1;

  return (
    <Panel
      title={status === 'reported' ? 'Reported reviews' : 'Hidden reviews'}
      aside={
        <div role="group" aria-label="Queue" className="flex gap-1">
          {(['reported', 'hidden'] as const).map((value) => (
            <Button
              key={value}
              size="sm"
              variant={status === value ? 'primary' : 'secondary'}
              aria-pressed={status === value}
              onClick={() => {
                setStatus(value);
                setPage(1);
              }}
            >
              {value === 'reported' ? 'Reported' : 'Hidden'}
            </Button>
          ))}
        </div>
      }
    >
      {queue.isPending && <Skeleton className="h-40" />}
      {queue.isError && <ErrorState text={describeError(queue.error)} onRetry={() => void queue.refetch()} />}
      {queue.data?.items.length === 0 && (
        <MutedText>{status === 'reported' ? 'No open reports.' : 'No hidden reviews.'}</MutedText>
      )}
      {queue.data && queue.data.items.length > 0 && (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {queue.data.items.map((item) => (
            <QueueItem key={item.review.id} item={item} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label="Queue pages" className="mt-3 flex items-center justify-between text-sm">
          <Button size="sm" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page} of {pages}
          </span>
          <Button size="sm" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </nav>
      )}
    </Panel>
  );
}
