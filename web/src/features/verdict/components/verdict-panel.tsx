import { Link } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { VerdictBadge } from '@/components/verdict-badge';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useVersionVerdict } from '../api/get-version-verdict';
import { verdictSummary } from '../lib/verdict-summary';
import { VerdictReasons } from './verdict-reasons';

export interface VerdictPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

/** The trust verdict of a plugin version, with every reason and a link to its evidence. */
export function VerdictPanel({ plugin, version }: VerdictPanelProps) {
  const query = useVersionVerdict(plugin, version);

  if (query.isPending) {
    return (
      <Panel title="Verdict">
        <Skeleton className="h-6 w-24" />
        <Skeleton className="mt-3 h-4 w-full" />
        <Skeleton className="mt-2 h-4 w-5/6" />
      </Panel>
    );
  }
  if (query.isError) {
    return (
      <Panel title="Verdict">
        <ErrorState text={describeError(query.error)} onRetry={() => void query.refetch()} />
      </Panel>
    );
  }

  const verdict = query.data;
  const computed = formatTime(verdict.computedAt);
  // The footer names the policy version with its link, so that reason is not repeated in the list.
  const reasons = verdict.reasons.filter((reason) => reason.code !== 'policy-version');
  return (
    <div id="verdict" className="scroll-mt-4">
      <Panel title="Verdict" aside={<VerdictBadge verdict={verdict.verdict} />}>
        <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">{verdictSummary(verdict)}</p>
        <VerdictReasons reasons={reasons} />
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          Computed{' '}
          {computed && (
            <time dateTime={computed.iso} title={computed.absolute}>
              {computed.relative}
            </time>
          )}{' '}
          with{' '}
          <Link to={paths.policy.build(verdict.policyVersion)} className={linkClasses}>
            trust policy version {verdict.policyVersion}
          </Link>
          .
        </p>
      </Panel>
    </div>
  );
}
