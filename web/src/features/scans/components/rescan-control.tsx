import type { ScanJobInfo, VersionScan } from '@assay/api/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useRescan } from '../api/rescan';
import { scanKeys } from '../api/scan-keys';
import { useScanJob } from '../api/get-scan-job';

export interface RescanControlProps {
  plugin: string;
  version: string;
  rescan: VersionScan['rescan'];
}

/** Shows the outcome of the version's last scan from before this page loaded, with when it ran. */
function PreviousJob({ job }: { job: ScanJobInfo }) {
  const finished = formatTime(job.finishedAt ?? job.updatedAt);
  const when = finished && (
    <time dateTime={finished.iso} title={finished.absolute}>
      {finished.relative}
    </time>
  );
  if (job.state === 'failed') {
    return (
      <Callout tone="bad" title="The last scan failed">
        <p>
          {when && <>Finished {when}. </>}
          {job.error ?? 'The scanner did not say why.'}
        </p>
      </Callout>
    );
  }
  return <p className="text-sm text-slate-600 dark:text-slate-400">Last scan finished {when}.</p>;
}

function JobStatus({ job }: { job: ScanJobInfo }) {
  if (job.state === 'running') {
    return (
      <p role="status" className="text-sm">
        <span
          aria-hidden="true"
          className="mr-2 inline-block size-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent"
        />
        Scanning: {job.progress}
      </p>
    );
  }
  if (job.state === 'failed') {
    return (
      <Callout tone="bad" title="The scan failed" role="alert">
        <p>{job.error ?? 'The scanner did not say why.'}</p>
      </Callout>
    );
  }
  return (
    <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
      Scan finished; the report below is the new one.
    </p>
  );
}

/** Shows the admin's rescan button, with the job's progress while the scanner works and its outcome after. */
export function RescanControl({ plugin, version, rescan }: RescanControlProps) {
  const queryClient = useQueryClient();
  const start = useRescan(plugin, version);
  // A job started here, or one still running from before the page loaded.
  const [jobId, setJobId] = useState<string | undefined>(
    rescan.latestJob?.state === 'running' ? rescan.latestJob.id : undefined,
  );
  const job = useScanJob(jobId);
  const state = job.data?.state;

  useEffect(() => {
    if (state === 'succeeded' || state === 'failed') {
      void queryClient.invalidateQueries({ queryKey: scanKeys.overview(plugin, version) });
    }
  }, [state, plugin, version, queryClient]);

  const running = start.isPending || state === 'running';
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="primary"
          size="sm"
          disabled={!rescan.available || running}
          onClick={() => start.mutate(undefined, { onSuccess: (started) => setJobId(started.id) })}
        >
          {running ? 'Scanning…' : 'Rescan now'}
        </Button>
        {!rescan.available && rescan.unavailableReason && (
          <p className="text-xs text-slate-600 dark:text-slate-400">{rescan.unavailableReason}</p>
        )}
      </div>
      {start.isError && (
        <Callout tone="bad" title={describeError(start.error).title} role="alert">
          <p>{describeError(start.error).detail}</p>
        </Callout>
      )}
      {job.data ? (
        <JobStatus job={job.data} />
      ) : (
        rescan.latestJob !== undefined &&
        rescan.latestJob.state !== 'running' && <PreviousJob job={rescan.latestJob} />
      )}
    </div>
  );
}
