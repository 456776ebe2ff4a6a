import { verdicts, type AdminOverview } from '@assay/api/contract';
import { Link } from 'react-router';
import { focusRing } from '@/components/ui/button';
import { VerdictBadge, verdictDescriptions } from '@/components/verdict-badge';
import { paths } from '@/config/paths';

/** Plugins by the verdict of their newest version, each count linking to the filtered catalog. */
export function VerdictCounts({ counts }: { counts: AdminOverview['counts'] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-3" aria-label="Plugins by verdict">
      {verdicts.map((verdict) => (
        <li key={verdict}>
          <Link
            to={paths.catalog.build(new URLSearchParams({ verdict }))}
            className={`block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600 ${focusRing}`}
          >
            <VerdictBadge verdict={verdict} />
            <span className="mt-2 block text-3xl font-bold tabular-nums">{counts[verdict]}</span>
            <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
              {verdictDescriptions[verdict]}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
