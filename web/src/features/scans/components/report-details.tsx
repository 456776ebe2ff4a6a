import type { ScanReportInfo, ScanSource, SignatureSource } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { TrustStateBadge } from '@/components/signature-trust-badge';
import { Badge } from '@/components/ui/badge';
import { formatTime, shortDigest } from '@/lib/format';

export const attestationPlaces: Record<SignatureSource, string> = {
  'cosign-tag': 'Found in the cosign attestation tag',
  'referrer-bundle': 'Found as a Sigstore bundle referrer',
};

export const sourceLabels: Record<ScanSource, string> = {
  attestation: 'Vulnerability attestation in the registry',
  'scanner-api': 'Scan by the configured scanner',
  upload: 'Uploaded report',
};

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function VouchedFor({ report }: { report: ScanReportInfo }) {
  if (report.attestation) {
    const logged = report.attestation.certificate?.logEntryTime;
    const loggedAt = logged === undefined ? undefined : formatTime(logged);
    return (
      <div className="space-y-1">
        <TrustStateBadge state={report.attestation.trustState} />
        <p>{report.attestation.trustText}</p>
        {report.attestation.foundIn && (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {attestationPlaces[report.attestation.foundIn]}
            {loggedAt && (
              <>
                ; the transparency log recorded it on{' '}
                <time dateTime={loggedAt.iso} title={loggedAt.relative}>
                  {loggedAt.absolute}
                </time>
              </>
            )}
          </p>
        )}
        {report.attestation.status !== 'valid' && (
          <p className="text-xs text-slate-600 dark:text-slate-400">{report.attestation.reasonText}</p>
        )}
      </div>
    );
  }
  if (report.source === 'upload') return <>Uploaded by {report.uploadedBy ?? 'an administrator'}</>;
  return <>Requested through Assay from its configured scanner</>;
}

function ScanTime({ report, staleAfterDays }: { report: ScanReportInfo; staleAfterDays: number }) {
  const time = report.generatedAt ? formatTime(report.generatedAt) : undefined;
  const stale = report.stale && (
    <span title={`The trust policy accepts scans up to ${staleAfterDays} days old.`}>
      <Badge tone="warning">
        {time ? `Stale: over ${staleAfterDays} days old` : 'Stale: scan time unknown'}
      </Badge>
    </span>
  );
  if (!time)
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        The report does not say when it was made {stale}
      </span>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <time dateTime={time.iso} title={time.absolute}>
        {time.relative}
      </time>
      {stale}
    </span>
  );
}

/** Shows where a report comes from, who vouches for it, which scanner and database made it, and when. */
export function ReportDetails({
  report,
  staleAfterDays,
}: {
  report: ScanReportInfo;
  staleAfterDays: number;
}) {
  const scanner = [
    report.scannerName,
    report.scannerVendor && `(${report.scannerVendor})`,
    report.scannerVersion,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <dl className="text-sm">
      <Row term="Source">{sourceLabels[report.source]}</Row>
      <Row term="Vouched for by">
        <VouchedFor report={report} />
      </Row>
      <Row term="Scanner">{scanner}</Row>
      <Row term="Database">{report.databaseVersion ?? 'Not stated in the report'}</Row>
      <Row term="Scanned">
        <ScanTime report={report} staleAfterDays={staleAfterDays} />
      </Row>
      {report.scannedDigest !== report.digest && (
        <Row term="Scanned manifest">
          <code className="font-mono text-xs" title={report.scannedDigest}>
            {shortDigest(report.scannedDigest)}
          </code>{' '}
          <span className="text-xs text-slate-600 dark:text-slate-400">(one platform of the image)</span>
        </Row>
      )}
      {report.warnings.length > 0 && (
        <Row term="Warnings">
          <details>
            <summary className="cursor-pointer">
              {report.warnings.length === 1
                ? '1 part of the report was not used'
                : `${report.warnings.length} parts of the report were not used`}
            </summary>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-xs">
              {report.warnings.map((warning, index) => (
                <li key={`${warning.path}:${index}`}>
                  <code className="font-mono">{warning.path}</code>: {warning.problem}
                </li>
              ))}
            </ul>
          </details>
        </Row>
      )}
    </dl>
  );
}
