import type { RatingSummary as Summary } from '@assay/api/contract';
import { Stars } from './stars';

/** Average, count and the distribution of stars, five to one, as labelled bars. */
export function RatingSummary({
  title,
  summary,
  countNouns,
}: {
  title: string;
  summary: Summary;
  /** Singular and plural noun of what `summary.count` counts, such as `['person', 'people']`. */
  countNouns: readonly [singular: string, plural: string];
}) {
  const largest = Math.max(1, ...summary.distribution);
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      {summary.average === null ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No ratings yet.</p>
      ) : (
        <>
          <p className="mt-1 flex items-center gap-2">
            <span className="text-2xl font-bold">{summary.average.toFixed(1)}</span>
            <Stars value={summary.average} />
            <span className="text-sm text-slate-600 dark:text-slate-400">
              {summary.count} {summary.count === 1 ? countNouns[0] : countNouns[1]}
            </span>
          </p>
          <ul className="mt-2 space-y-0.5" aria-label={`${title}: distribution of stars`}>
            {[5, 4, 3, 2, 1].map((star) => {
              const count = summary.distribution[star - 1] ?? 0;
              return (
                <li key={star} className="flex items-center gap-2 text-xs">
                  <span className="w-10 shrink-0">{star} star</span>
                  <span className="h-2 flex-1 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
                    <span
                      className="block h-2 rounded bg-amber-500 dark:bg-amber-400"
                      style={{ width: `${(count / largest) * 100}%` }}
                    />
                  </span>
                  <span className="w-6 shrink-0 text-right">{count}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
