import type { FindingSort, VersionScan } from '@assay/api/contract';
import { useCallback, useId, useState } from 'react';
import { Link } from 'react-router';
import { SeverityBadge } from '@/components/severity-badge';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { inputClasses } from '@/components/ui/text-field';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useDeleteReport } from '../api/delete-report';
import { useFindings } from '../api/get-findings';
import { useVersionScan } from '../api/get-version-scan';
import { toggleSort, updateFilters, type FindingsFilters } from '../lib/findings-filters';
import { FindingFilters } from './finding-filters';
import { FindingsTable } from './findings-table';
import { RescanControl } from './rescan-control';
import { attestationPlaces, ReportDetails, sourceLabels } from './report-details';
import { SeveritySummary } from './severity-summary';
import { UploadReportForm } from './upload-report-form';

export interface VulnerabilitiesPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
  /** Shows the rescan button and the upload form. */
  isAdmin?: boolean;
  /** The next older version, offered for a comparison. */
  olderVersion?: string;
}

function ReportChooser({
  scan,
  selected,
  onSelect,
}: {
  scan: VersionScan;
  selected: string;
  onSelect: (id: string) => void;
}) {
  const id = useId();
  if (scan.reports.length < 2) return null;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Report shown
      </label>
      <select
        id={id}
        value={selected}
        onChange={(event) => onSelect(event.target.value)}
        className={`mt-1 ${inputClasses}`}
      >
        {scan.reports.map((report, index) => {
          const time = report.generatedAt ? formatTime(report.generatedAt)?.relative : 'time unknown';
          return (
            <option key={report.id} value={report.id}>
              {index === 0 ? 'Current: ' : ''}
              {sourceLabels[report.source]}, {time}, {report.summary.total} findings
            </option>
          );
        })}
      </select>
    </div>
  );
}

function Findings({ plugin, version, reportId }: { plugin: string; version: string; reportId: string }) {
  const [filters, setFilters] = useState<FindingsFilters>({});
  const query = useFindings(plugin, version, { ...filters, report: reportId });
  const change = useCallback(
    (next: Partial<FindingsFilters>) => setFilters((current) => updateFilters(current, next)),
    [],
  );

  return (
    <section aria-label="Findings" className="space-y-3">
      <h3 className="text-base font-semibold">Findings</h3>
      <FindingFilters filters={filters} onChange={change} />
      {query.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : query.isError ? (
        <ErrorState text={describeError(query.error)} onRetry={() => void query.refetch()} />
      ) : (
        <FindingsTable
          page={query.data}
          filters={filters}
          stale={query.isPlaceholderData}
          onSort={(sort: FindingSort) => change(toggleSort(filters, sort))}
          onPage={(page) => change({ page })}
        />
      )}
    </section>
  );
}

function AdminActions({
  plugin,
  version,
  scan,
  uploadId,
}: {
  plugin: string;
  version: string;
  scan: VersionScan;
  /** The report shown, when it is an upload that may be deleted. */
  uploadId?: string;
}) {
  return (
    <section
      aria-label="Scan administration"
      className="space-y-4 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-700"
    >
      <h3 className="text-sm font-semibold">Admin</h3>
      <RescanControl plugin={plugin} version={version} rescan={scan.rescan} />
      {uploadId !== undefined && (
        <DeleteUpload key={uploadId} plugin={plugin} version={version} reportId={uploadId} />
      )}
      {scan.digest !== undefined && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Upload a report</summary>
          <div className="mt-3">
            <UploadReportForm plugin={plugin} version={version} platforms={scan.platforms} />
          </div>
        </details>
      )}
    </section>
  );
}

function Headline({ scan }: { scan: VersionScan }) {
  const highest = scan.current?.summary.highestSeverity;
  if (!scan.current) return <Badge>No scan</Badge>;
  const verified = scan.current.verified;
  return (
    <span className="flex flex-wrap items-center gap-2">
      {highest ? (
        <SeverityBadge severity={highest}>{`Highest: ${highest}`}</SeverityBadge>
      ) : (
        // An unverified claim of no findings must not look like a clean scan.
        <Badge tone={verified ? 'good' : 'neutral'}>No findings</Badge>
      )}
      {!verified && <Badge tone="warning">Unverified</Badge>}
      {scan.current.stale && <Badge tone="warning">Stale</Badge>}
    </span>
  );
}

/** Attestations the last registry check found and rejected, with the reason for each. */
function RejectedAttestations({ scan }: { scan: VersionScan }) {
  const rejected = scan.rejectedAttestations;
  if (rejected.length === 0) return null;
  const checked = scan.attestationsCheckedAt ? formatTime(scan.attestationsCheckedAt) : undefined;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer">
        {rejected.length === 1
          ? '1 vulnerability attestation in the registry was rejected'
          : `${rejected.length} vulnerability attestations in the registry were rejected`}
        {checked && (
          <>
            {' '}
            (checked{' '}
            <time dateTime={checked.iso} title={checked.absolute}>
              {checked.relative}
            </time>
            )
          </>
        )}
      </summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-xs">
        {rejected.map((entry, index) => (
          <li key={`${entry.digest}:${entry.layerDigest ?? ''}:${index}`} className="break-words">
            {entry.foundIn && <span className="font-medium">{attestationPlaces[entry.foundIn]}: </span>}
            {entry.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

function noReportText(scan: VersionScan, digest: string | undefined): string {
  if (digest === undefined) {
    return 'The image could not be resolved, so there is no digest to show scan results for.';
  }
  const failedScan =
    scan.rescan.latestJob?.state === 'failed' ? ' The last scan through the scanner failed.' : '';
  if (scan.rejectedAttestations.length > 0) {
    return `No usable scan report exists for this image: the vulnerability attestations in the registry were rejected (see below), and no report was uploaded.${failedScan}`;
  }
  return `No scan report exists for this image yet: no vulnerability attestation was found in the registry, and no report was uploaded.${failedScan}`;
}

/** Lets an admin delete the report shown, when it is an upload; other sources come back on their own. */
function DeleteUpload({ plugin, version, reportId }: { plugin: string; version: string; reportId: string }) {
  const remove = useDeleteReport(plugin, version);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button size="sm" onClick={() => setConfirming(true)}>
        Delete this uploaded report
      </Button>
    );
  }
  return (
    <div role="group" aria-label="Confirm deletion" className="space-y-2">
      <p className="text-sm">The report and its findings are deleted; the audit log keeps a record.</p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={remove.isPending}
          onClick={() => remove.mutate(reportId)}
        >
          {remove.isPending ? 'Deleting…' : 'Delete report'}
        </Button>
        <Button size="sm" disabled={remove.isPending} onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {remove.isError && (
        <Callout tone="bad" title={describeError(remove.error).title} role="alert">
          <p>{describeError(remove.error).detail}</p>
        </Callout>
      )}
    </div>
  );
}

/** Vulnerability scan results of a plugin version: summary, source and age, findings, and admin actions. */
export function VulnerabilitiesPanel({
  plugin,
  version,
  digest,
  isAdmin = false,
  olderVersion,
}: VulnerabilitiesPanelProps) {
  const query = useVersionScan(plugin, version);
  const [chosenReport, setChosenReport] = useState<string | undefined>();

  if (query.isPending) {
    return (
      <Panel title="Vulnerabilities">
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-24 w-full" />
        </div>
      </Panel>
    );
  }
  if (query.isError) {
    return (
      <Panel title="Vulnerabilities">
        <ErrorState text={describeError(query.error)} onRetry={() => void query.refetch()} />
      </Panel>
    );
  }

  const scan = query.data;
  const report = scan.reports.find((candidate) => candidate.id === chosenReport) ?? scan.current;
  return (
    <Panel title="Vulnerabilities" aside={<Headline scan={scan} />}>
      <div className="space-y-5">
        {report === undefined ? (
          <MutedText>{noReportText(scan, digest)}</MutedText>
        ) : (
          <>
            <ReportChooser scan={scan} selected={report.id} onSelect={setChosenReport} />
            <div className="grid gap-5 md:grid-cols-2">
              <SeveritySummary summary={report.summary} />
              <ReportDetails report={report} staleAfterDays={scan.staleAfterDays} />
            </div>
            {olderVersion && (
              <p className="text-sm">
                <Link to={paths.compare.build(plugin, olderVersion, version)} className={linkClasses}>
                  Compare findings with version {olderVersion}
                </Link>
              </p>
            )}
            <Findings key={report.id} plugin={plugin} version={version} reportId={report.id} />
          </>
        )}
        <RejectedAttestations scan={scan} />
        {isAdmin && (
          <AdminActions
            plugin={plugin}
            version={version}
            scan={scan}
            {...(report?.source === 'upload' ? { uploadId: report.id } : {})}
          />
        )}
      </div>
    </Panel>
  );
}
