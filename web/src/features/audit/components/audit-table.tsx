import type { AuditEvent } from '@assay/api/contract';
import { Link } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { stackedTable } from '@/components/ui/stacked-table';
import { formatTime } from '@/lib/format';
import { targetHref } from '../lib/audit-target';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="min-w-0">
      <p className="text-xs font-semibold">{label}</p>
      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs whitespace-pre-wrap break-all dark:bg-slate-800">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function Target({ event }: { event: AuditEvent }) {
  const href = targetHref(event);
  const name = event.targetName;
  return (
    <div className="min-w-0">
      {name &&
        (href ? (
          <Link to={href} className={`text-sm break-words ${linkClasses}`}>
            {name}
          </Link>
        ) : (
          <span className="block text-sm break-words">{name}</span>
        ))}
      <span className="block text-xs break-all text-slate-600 dark:text-slate-400">
        {event.targetType} <span className="font-mono">{event.targetId}</span>
      </span>
    </div>
  );
}

function EventRow({ event }: { event: AuditEvent }) {
  const time = formatTime(event.occurredAt);
  const hasDetails =
    event.before !== null || event.after !== null || event.requestId !== null || event.ip !== null;
  return (
    <tr className={stackedTable.row}>
      <td data-label="Time" className={`${stackedTable.cell} text-xs md:whitespace-nowrap`}>
        {time ? (
          <time dateTime={time.iso} title={time.relative}>
            {time.absolute}
          </time>
        ) : (
          event.occurredAt
        )}
      </td>
      <td data-label="Actor" className={`${stackedTable.cell} break-words`}>
        {event.actor?.name ?? (
          <span className="text-slate-600 dark:text-slate-400">
            {event.action.startsWith('auth.') ? 'Anonymous sign-in attempts' : 'Assay'}
          </span>
        )}
      </td>
      <td data-label="Action" className={`${stackedTable.cell} font-mono text-xs`}>
        {event.action}
      </td>
      <td data-label="Target" className={stackedTable.cell}>
        <Target event={event} />
      </td>
      <td data-label="Details" className={stackedTable.cell}>
        <div className="min-w-0 flex-1">
          {event.reason && <p className="break-words">{event.reason}</p>}
          {hasDetails && (
            <details className={event.reason ? 'mt-1' : undefined}>
              <summary className="cursor-pointer text-xs text-blue-700 dark:text-sky-300">
                Before and after
              </summary>
              <div className="mt-2 grid gap-2 lg:grid-cols-2">
                <JsonBlock label="Before" value={event.before} />
                <JsonBlock label="After" value={event.after} />
              </div>
              <p className="mt-1 text-xs break-all text-slate-600 dark:text-slate-400">
                {event.requestId && `Request ${event.requestId}`}
                {event.ip && ` · from ${event.ip}`}
              </p>
            </details>
          )}
        </div>
      </td>
    </tr>
  );
}

/**
 * Audit events newest first; `before` and `after` open on demand. Below the `md` breakpoint each
 * event is a card, and wider screens that still cannot fit the table scroll it sideways.
 */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <ScrollRegion label="Audit events">
      <table className={`${stackedTable.table} md:min-w-[48rem]`}>
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className={stackedTable.head}>
          <tr>
            <th scope="col" className={stackedTable.headCell}>
              Time
            </th>
            <th scope="col" className={stackedTable.headCell}>
              Actor
            </th>
            <th scope="col" className={stackedTable.headCell}>
              Action
            </th>
            <th scope="col" className={stackedTable.headCell}>
              Target
            </th>
            <th scope="col" className={stackedTable.headCell}>
              Reason and changes
            </th>
          </tr>
        </thead>
        <tbody className={stackedTable.body}>
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
