import type { AuditFilter } from '@assay/api/contract';
import { Button, buttonClasses } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { invalidInputText } from '@/lib/field-errors';
import { auditExportUrl, useAuditEvents } from '../api/get-audit-events';
import { AuditTable } from './audit-table';

/** Shows the events matching the filters one page at a time, with CSV and JSON downloads of all of them. */
export function AuditLog({ filter }: { filter: AuditFilter }) {
  const events = useAuditEvents(filter);
  const downloads = (
    <div className="flex flex-wrap gap-2">
      <a href={auditExportUrl(filter, 'csv')} className={buttonClasses('secondary', 'sm')}>
        Download CSV
      </a>
      <a href={auditExportUrl(filter, 'json')} className={buttonClasses('secondary', 'sm')}>
        Download JSON
      </a>
    </div>
  );

  if (events.isPending) {
    return (
      <Panel title="Events" aside={downloads}>
        <Skeleton className="h-48" />
      </Panel>
    );
  }
  if (events.isError) {
    return (
      <Panel title="Events" aside={downloads}>
        <ErrorState
          text={describeError(events.error, {
            'invalid-input': (failure) => ({
              title: 'These filters cannot be used',
              detail: invalidInputText(failure),
              retryable: false,
            }),
          })}
          onRetry={() => void events.refetch()}
        />
      </Panel>
    );
  }

  const items = events.data.pages.flatMap((page) => page.items);
  return (
    <Panel title="Events" aside={downloads}>
      {items.length === 0 ? (
        <MutedText>No event matches these filters.</MutedText>
      ) : (
        <>
          <p role="status" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
            {items.length} {items.length === 1 ? 'event' : 'events'} shown
            {events.hasNextPage ? '; more match' : ''}.
          </p>
          <AuditTable events={items} />
          {events.hasNextPage && (
            <div className="mt-4">
              <Button onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? 'Loading…' : 'Show older events'}
              </Button>
            </div>
          )}
        </>
      )}
      <p className="mt-4 text-xs text-slate-600 dark:text-slate-400">
        The log is append-only: no one can change or delete an event. Downloads contain every matching event
        and are themselves recorded.
      </p>
    </Panel>
  );
}
