import type { Severity } from '@assay/api/contract';
import { useEffect, useId, useState } from 'react';
import { severityLabels } from '@/components/severity-badge';
import { focusRing } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/text-field';
import { severitiesMostSevereFirst, type FindingsFilters } from '../lib/findings-filters';

// Waits this long after the last key press before searching, so typing does not send a request per letter.
const searchDelayMs = 300;

export interface FindingFiltersProps {
  filters: FindingsFilters;
  onChange: (change: Partial<FindingsFilters>) => void;
}

/** Severity checkboxes, a fix filter and a text search for the findings table. */
export function FindingFilters({ filters, onChange }: FindingFiltersProps) {
  const searchId = useId();
  const fixId = useId();
  const [text, setText] = useState(filters.q ?? '');
  const selected = filters.severity ?? [];

  useEffect(() => {
    if (text === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange({ q: text }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  const toggle = (severity: Severity) =>
    onChange({
      severity: selected.includes(severity)
        ? selected.filter((item) => item !== severity)
        : [...selected, severity],
    });

  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Severity</legend>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {severitiesMostSevereFirst.map((severity) => (
            <label key={severity} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={selected.includes(severity)}
                onChange={() => toggle(severity)}
                className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
              />
              {severityLabels[severity]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={fixId} className="mb-1 block text-sm font-medium">
          Fix
        </label>
        <select
          id={fixId}
          value={filters.fixable ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ fixable: value === 'true' || value === 'false' ? value : undefined });
          }}
          className={`${inputClasses} w-auto py-1.5`}
        >
          <option value="">Any</option>
          <option value="true">Fix available</option>
          <option value="false">No fix yet</option>
        </select>
      </div>
      <div className="min-w-48 flex-1">
        <label htmlFor={searchId} className="mb-1 block text-sm font-medium">
          Search findings
        </label>
        <input
          id={searchId}
          type="search"
          value={text}
          maxLength={200}
          placeholder="CVE id, package or title"
          onChange={(event) => setText(event.target.value)}
          className={`${inputClasses} py-1.5`}
        />
      </div>
    </div>
  );
}
