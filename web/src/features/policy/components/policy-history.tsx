import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { usePolicyHistory } from '../api/get-policy-history';
import { authorText } from './policy-summary';

/** Every policy version, newest first, with who saved it (for administrators), why, and what changed. */
export function PolicyHistory({ selected }: { selected: number | undefined }) {
  const history = usePolicyHistory();

  if (history.isPending) {
    return (
      <Panel title="Version history">
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="mt-2 h-4 w-1/2" />
      </Panel>
    );
  }
  if (history.isError) {
    return (
      <Panel title="Version history">
        <ErrorState text={describeError(history.error)} onRetry={() => void history.refetch()} />
      </Panel>
    );
  }

  return (
    <Panel title="Version history">
      <ol className="space-y-4">
        {history.data.items.map((item) => {
          const time = formatTime(item.createdAt);
          const isSelected = item.version === selected || (selected === undefined && item.isCurrent);
          return (
            <li key={item.version} aria-current={isSelected ? 'true' : undefined} className="text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  to={paths.policy.build(item.isCurrent ? undefined : item.version)}
                  className={linkClasses}
                >
                  Version {item.version}
                </Link>
                {item.isCurrent && <Badge tone="info">In force</Badge>}
                {isSelected && <span className="text-xs text-slate-600 dark:text-slate-400">(shown)</span>}
              </div>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {time && (
                  <time dateTime={time.iso} title={time.absolute}>
                    {time.absolute}
                  </time>
                )}
                {authorText(item, ' · ')}
              </p>
              <p className="mt-1 break-words">{item.reason}</p>
              {item.changes.length > 0 && (
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-slate-700 dark:text-slate-300">
                  {item.changes.map((change, index) => (
                    <li key={`${change.field}-${index}`}>{change.description}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
