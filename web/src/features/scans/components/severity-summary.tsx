import type { ScanSummary } from '@assay/api/contract';
import { SeverityBadge } from '@/components/severity-badge';
import { severitiesMostSevereFirst } from '../lib/findings-filters';

/** Finding counts per severity, split into those a fixed version exists for and those without one. */
export function SeveritySummary({ summary }: { summary: ScanSummary }) {
  // Critical to low always show, so a zero reads as "none"; negligible and unknown only when present.
  const rows = severitiesMostSevereFirst.filter(
    (severity) => (summary.bySeverity[severity] ?? 0) > 0 || !['negligible', 'unknown'].includes(severity),
  );
  const cell = 'px-2 py-1 text-right tabular-nums';
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Findings by severity, with and without a fix</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Severity
          </th>
          <th scope="col" className={`${cell} font-medium`}>
            Findings
          </th>
          <th scope="col" className={`${cell} font-medium`}>
            Fix available
          </th>
          <th scope="col" className={`${cell} font-medium`}>
            No fix
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((severity) => {
          const total = summary.bySeverity[severity] ?? 0;
          const fixable = summary.fixableBySeverity[severity] ?? 0;
          return (
            <tr key={severity} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                <SeverityBadge severity={severity} />
              </th>
              <td className={`${cell} font-semibold`}>{total}</td>
              <td className={cell}>{fixable}</td>
              <td className={cell}>{total - fixable}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr className="font-semibold">
          <th scope="row" className="px-2 py-1 text-left">
            All
          </th>
          <td className={cell}>{summary.total}</td>
          <td className={cell}>{summary.fixable}</td>
          <td className={cell}>{summary.notFixable}</td>
        </tr>
      </tfoot>
    </table>
  );
}
