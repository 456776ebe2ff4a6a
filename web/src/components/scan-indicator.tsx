import type { ScanIndicator as Indicator, Severity } from '@assay/api/contract';
import { severityClasses, severityLabels } from './severity-badge';

const shownSeverities: Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * The catalog's compact view of a plugin's newest scan: counts of critical, high, medium and low
 * findings, "no scan", or "unverified scan". Stale scans are marked, because their counts may be out
 * of date.
 */
export function ScanIndicator({ scan }: { scan: Indicator | undefined }) {
  if (scan === undefined) {
    return <span className="text-xs text-slate-600 dark:text-slate-400">No scan</span>;
  }
  if (!scan.verified) {
    // An attestation that no known signer vouches for is a claim; its counts are not shown as a result.
    return (
      <span
        className="text-xs text-amber-900 dark:text-amber-200"
        title="The only scan is a vulnerability attestation whose signature did not verify with a known signer."
      >
        Unverified scan{scan.stale && <span className="text-slate-600 dark:text-slate-400"> · stale</span>}
      </span>
    );
  }
  if (scan.total === 0) {
    return (
      <span className="text-xs text-emerald-800 dark:text-emerald-300">
        No findings{scan.stale && <span className="text-slate-600 dark:text-slate-400"> · stale scan</span>}
      </span>
    );
  }

  const label = shownSeverities
    .map((severity) => `${scan.bySeverity[severity] ?? 0} ${severityLabels[severity].toLowerCase()}`)
    .join(', ');
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-xs">
      <span className="sr-only">
        {label}
        {scan.stale ? ' (stale scan)' : ''}
      </span>
      {shownSeverities.map((severity) => (
        <span
          key={severity}
          aria-hidden="true"
          title={`${severityLabels[severity]} findings`}
          className={`min-w-6 rounded px-1 text-center font-semibold tabular-nums ${(scan.bySeverity[severity] ?? 0) === 0 ? 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300' : severityClasses[severity]}`}
        >
          {severityLabels[severity][0]}
          {scan.bySeverity[severity] ?? 0}
        </span>
      ))}
      {scan.stale && (
        <span aria-hidden="true" className="text-slate-600 dark:text-slate-400">
          stale
        </span>
      )}
    </span>
  );
}
