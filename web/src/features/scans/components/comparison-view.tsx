import type { Finding, ScanComparison } from '@assay/api/contract';
import { useId } from 'react';
import { Badge } from '@/components/ui/badge';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useComparison } from '../api/get-comparison';
import { PlainFindingsHeader, ResponsiveFindings } from './findings-table';
import { sourceLabels } from './report-details';

function Side({ label, side }: { label: string; side: ScanComparison['from'] }) {
  const report = side.report;
  const time = report?.generatedAt ? formatTime(report.generatedAt) : undefined;
  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <p className="font-semibold">
        {label}: version {side.version}
      </p>
      {report === undefined ? (
        <MutedText>No scan report exists for this version.</MutedText>
      ) : (
        <p className="text-slate-700 dark:text-slate-300">
          {sourceLabels[report.source]}, {report.summary.total} findings
          {time && (
            <>
              , scanned{' '}
              <time dateTime={time.iso} title={time.absolute}>
                {time.relative}
              </time>
            </>
          )}{' '}
          {report.stale && <Badge tone="warning">Stale</Badge>}
        </p>
      )}
    </div>
  );
}

function Group({
  title,
  description,
  findings,
  count,
}: {
  title: string;
  description: string;
  findings: Finding[];
  count: number;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {title} <span className="text-base font-normal text-slate-600 dark:text-slate-400">({count})</span>
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      {findings.length === 0 ? (
        <MutedText>None.</MutedText>
      ) : (
        <div>
          <ResponsiveFindings findings={findings} caption={title} header={<PlainFindingsHeader />} />
          {findings.length < count && (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              Showing the {findings.length} most severe of {count}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** Findings added, fixed and unchanged between the current scan reports of two versions of a plugin. */
export function ComparisonView({ plugin, from, to }: { plugin: string; from: string; to: string }) {
  const query = useComparison(plugin, from, to);

  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.isError)
    return <ErrorState text={describeError(query.error)} onRetry={() => void query.refetch()} />;

  const comparison = query.data;
  const missing = [comparison.from, comparison.to]
    .filter((side) => side.report === undefined)
    .map((side) => side.version);
  return (
    <div className="space-y-6">
      <div className="grid gap-3 md:grid-cols-2">
        <Side label="From" side={comparison.from} />
        <Side label="To" side={comparison.to} />
      </div>
      {missing.length > 0 ? (
        <Callout tone="info" title="Nothing to compare yet">
          <p>Version {missing.join(' and ')} has no scan report, so its findings are unknown.</p>
        </Callout>
      ) : (
        <Panel
          title={`${comparison.counts.added} added, ${comparison.counts.fixed} fixed, ${comparison.counts.unchanged} unchanged`}
        >
          <div className="space-y-8">
            <Group
              title="Added"
              description={`In version ${to} and not in ${from}.`}
              findings={comparison.added}
              count={comparison.counts.added}
            />
            <Group
              title="Fixed"
              description={`In version ${from} and gone in ${to}.`}
              findings={comparison.fixed}
              count={comparison.counts.fixed}
            />
            <Group
              title="Unchanged"
              description={`In both versions; shown as version ${to} reports them.`}
              findings={comparison.unchanged}
              count={comparison.counts.unchanged}
            />
          </div>
        </Panel>
      )}
    </div>
  );
}
