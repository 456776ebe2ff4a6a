import { useState } from 'react';
import { focusRing } from '@/components/ui/button';

export interface FacetOption {
  value: string;
  count: number;
}

export interface FacetFilterProps {
  legend: string;
  options: FacetOption[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  /** Turns a value into its visible label; defaults to the value itself. */
  formatLabel?: (value: string) => string;
  /** Options shown before "Show all"; selected options are always shown. */
  initialLimit?: number;
}

/** A group of checkboxes for one facet, each with the number of matching plugins. */
export function FacetFilter({
  legend,
  options,
  selected,
  onToggle,
  formatLabel = (value) => value,
  initialLimit = 6,
}: FacetFilterProps) {
  const [expanded, setExpanded] = useState(false);

  // A selected value can be missing from the facets when it matches nothing; keep it visible so it can be cleared.
  const missing = selected
    .filter((value) => !options.some((option) => option.value === value))
    .map((value): FacetOption => ({ value, count: 0 }));
  const all: FacetOption[] = [...options, ...missing];
  const shown = expanded
    ? all
    : all.filter((option, index) => index < initialLimit || selected.includes(option.value));
  const hiddenCount = all.length - shown.length;

  return (
    <fieldset className="min-w-0">
      <legend className="mb-2 text-sm font-semibold">{legend}</legend>
      {all.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None in this result.</p>
      ) : (
        <ul className="space-y-1">
          {shown.map((option) => (
            <li key={option.value}>
              <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  checked={selected.includes(option.value)}
                  onChange={() => onToggle(option.value)}
                  className={`mt-0.5 size-4 shrink-0 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
                />
                <span className="min-w-0 flex-1 break-words">{formatLabel(option.value)}</span>
                <span className="text-slate-600 tabular-nums dark:text-slate-400">
                  <span className="sr-only">, </span>
                  {option.count}
                  <span className="sr-only">{option.count === 1 ? ' plugin' : ' plugins'}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {(hiddenCount > 0 || expanded) && (
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
          className={`mt-1 rounded px-1 text-sm text-blue-700 underline underline-offset-2 dark:text-sky-300 ${focusRing}`}
        >
          {expanded ? `Show fewer ${legend.toLowerCase()}` : `Show all ${all.length} ${legend.toLowerCase()}`}
        </button>
      )}
    </fieldset>
  );
}
