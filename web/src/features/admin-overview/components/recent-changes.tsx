import type { VerdictChange } from '@assay/api/contract';
import { Link } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { VerdictBadge } from '@/components/verdict-badge';
import { paths } from '@/config/paths';
import { formatTime } from '@/lib/format';

export interface RecentChangesProps {
  changes: VerdictChange[];
  total: number;
  windowDays: number;
}

/** Plugins whose verdict changed recently, newest first, with the reason of the new verdict. */
export function RecentChanges({ changes, total, windowDays }: RecentChangesProps) {
  return (
    <Panel title="Verdict changes" aside={<MutedText>{`${total} in the last ${windowDays} days`}</MutedText>}>
      {changes.length === 0 ? (
        <MutedText>No plugin changed its verdict in the last {windowDays} days.</MutedText>
      ) : (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800">
          {changes.map((change) => {
            const time = formatTime(change.changedAt);
            return (
              <li key={`${change.plugin}-${change.changedAt}-${change.to}`} className="py-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    to={`${paths.pluginVersion.build(change.plugin, change.version)}#verdict`}
                    className={linkClasses}
                  >
                    {change.title || change.plugin} {change.version}
                  </Link>
                  <VerdictBadge verdict={change.from} />
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">changed to</span>
                  <VerdictBadge verdict={change.to} />
                  {time && (
                    <time
                      dateTime={time.iso}
                      title={time.absolute}
                      className="text-xs text-slate-600 dark:text-slate-400"
                    >
                      {time.relative}
                    </time>
                  )}
                </div>
                <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{change.summary}</p>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
