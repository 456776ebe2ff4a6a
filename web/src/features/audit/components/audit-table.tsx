import type { AuditEvent } from '@assay/api/contract';
import { formatTime } from '@/lib/format';

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

function EventRow({ event }: { event: AuditEvent }) {
  const time = formatTime(event.occurredAt);
  const hasDetails =
    event.before !== null || event.after !== null || event.requestId !== null || event.ip !== null;
  return (
    <tr className="align-top">
      <td className="py-2 pr-3 text-xs whitespace-nowrap">
        {time ? (
          <time dateTime={time.iso} title={time.relative}>
            {time.absolute}
          </time>
        ) : (
          event.occurredAt
        )}
      </td>
      <td className="py-2 pr-3 text-sm">
        {event.actor?.name ?? (
          <span className="text-slate-600 dark:text-slate-400">
            {event.action.startsWith('auth.') ? 'Anonymous sign-in attempts' : 'Assay'}
          </span>
        )}
      </td>
      <td className="py-2 pr-3 font-mono text-xs">{event.action}</td>
      <td className="py-2 pr-3 text-xs break-all">
        <span className="text-slate-600 dark:text-slate-400">{event.targetType}</span> {event.targetId}
      </td>
      <td className="py-2 text-sm">
        {event.reason && <p className="break-words">{event.reason}</p>}
        {hasDetails && (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-blue-700 dark:text-sky-300">
              Before and after
            </summary>
            <div className="mt-2 grid gap-2 md:grid-cols-2">
              <JsonBlock label="Before" value={event.before} />
              <JsonBlock label="After" value={event.after} />
            </div>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {event.requestId && `Request ${event.requestId}`}
              {event.ip && ` · from ${event.ip}`}
            </p>
          </details>
        )}
      </td>
    </tr>
  );
}

/** Audit events as a table, newest first; `before` and `after` open on demand. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[48rem]">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <th scope="col" className="py-1 pr-3 font-medium">
              Time
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Actor
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Action
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Target
            </th>
            <th scope="col" className="py-1 font-medium">
              Reason and changes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {events.map((event) => (
            <EventRow key={event.id} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
