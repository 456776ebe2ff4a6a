import type { Severity } from '@assay/api/contract';

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  negligible: 'Negligible',
  unknown: 'Unknown',
};

/** Background and text colours per severity, readable in both themes. */
export const severityClasses: Record<Severity, string> = {
  critical: 'bg-red-700 text-white dark:bg-red-600',
  high: 'bg-orange-700 text-white dark:bg-orange-500 dark:text-slate-950',
  medium: 'bg-amber-300 text-amber-950 dark:bg-amber-400',
  low: 'bg-sky-100 text-sky-900 ring-1 ring-sky-300 ring-inset dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-700',
  negligible:
    'bg-slate-100 text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
  unknown:
    'bg-slate-100 text-slate-700 ring-1 ring-slate-300 ring-inset dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
};

export function SeverityBadge({ severity, children }: { severity: Severity; children?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${severityClasses[severity]}`}
    >
      {children ?? severityLabels[severity]}
    </span>
  );
}
