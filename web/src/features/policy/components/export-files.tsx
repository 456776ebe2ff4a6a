import type { ExportFile } from '@assay/api/contract';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { exportFileUrl, useExportSummary } from '../api/get-export-summary';

function FileCard({ file, disabled }: { file: ExportFile; disabled: boolean }) {
  return (
    <Panel title={file.title} level={3}>
      <ul className="mb-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        {file.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {file.omitted.length > 0 && (
        <Callout tone="warning" title={`Left out of this file: ${file.omitted.length}`}>
          <ul className="list-disc pl-5">
            {file.omitted.map((entry) => (
              <li key={entry.signerId}>
                {entry.displayName}: {entry.reason}
              </li>
            ))}
          </ul>
        </Callout>
      )}
      <div className="mt-3">
        {disabled ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Approve a signer to download this file.
          </p>
        ) : file.unavailable ? (
          <Callout tone="bad" title="This file cannot be downloaded">
            <p>{file.unavailable}</p>
          </Callout>
        ) : (
          <a href={exportFileUrl(file.format)} download={file.fileName} className={buttonClasses('primary')}>
            Download {file.fileName}
          </a>
        )}
      </div>
    </Panel>
  );
}

/** Shows the enforcement files built from the approved signers and the policy, with what each one needs. */
export function ExportFiles() {
  const summary = useExportSummary();

  if (summary.isPending) return <Skeleton className="h-48" />;
  if (summary.isError) {
    return <ErrorState text={describeError(summary.error)} onRetry={() => void summary.refetch()} />;
  }

  const { signers, files, policyVersion } = summary.data;
  return (
    <div className="space-y-6">
      <Panel
        title="Approved signers in the files"
        aside={<Badge tone="info">Policy version {policyVersion}</Badge>}
      >
        {signers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No signer is approved, so every image would be rejected; nothing can be exported.
          </p>
        ) : (
          <ul className="space-y-1 text-sm">
            {signers.map((signer) => (
              <li key={signer.id}>
                <span className="font-medium">{signer.displayName}</span>{' '}
                <span className="text-slate-600 dark:text-slate-400">
                  ({signer.kind === 'key' ? 'key' : 'keyless identity'};{' '}
                  {signer.scope.length === 0 ? 'every repository' : signer.scope.join(', ')}
                  {signer.expiresAt ? `; until ${signer.expiresAt.slice(0, 10)}` : ''})
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <div className="grid gap-6 lg:grid-cols-3">
        {files.map((file) => (
          <FileCard key={file.format} file={file} disabled={signers.length === 0} />
        ))}
      </div>
    </div>
  );
}
