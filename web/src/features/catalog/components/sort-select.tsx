import type { CatalogSort } from '@assay/api/contract';
import { useId } from 'react';
import { focusRing } from '@/components/ui/button';

const sortLabels: Record<CatalogSort, string> = {
  relevance: 'Best match',
  name: 'Name (A to Z)',
  updated: 'Recently updated',
  versions: 'Most versions',
  verdict: 'Verdict (trusted first)',
  rating: 'Highest rated',
};

export interface SortSelectProps {
  value: CatalogSort;
  /** Relevance only orders results when there is search text. */
  hasSearchText: boolean;
  onChange: (sort: CatalogSort) => void;
}

export function SortSelect({ value, hasSearchText, onChange }: SortSelectProps) {
  const id = useId();
  const sorts = (Object.keys(sortLabels) as CatalogSort[]).filter(
    (sort) => sort !== 'relevance' || hasSearchText,
  );
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium whitespace-nowrap">
        Sort by
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as CatalogSort)}
        className={`rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900 ${focusRing}`}
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {sortLabels[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
