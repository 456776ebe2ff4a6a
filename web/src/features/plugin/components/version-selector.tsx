import type { VersionSummary } from '@assay/api/contract';
import { useId } from 'react';
import { focusRing } from '@/components/ui/button';

export interface VersionSelectorProps {
  versions: VersionSummary[];
  selected: string;
  onSelect: (version: string) => void;
}

/** A select of the plugin's versions, newest first as the API orders them. */
export function VersionSelector({ versions, selected, onSelect }: VersionSelectorProps) {
  const id = useId();
  return (
    <div className="flex max-w-full min-w-0 items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Version
      </label>
      <select
        id={id}
        value={selected}
        onChange={(event) => onSelect(event.target.value)}
        className={`max-w-full min-w-0 flex-1 truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-900 ${focusRing}`}
      >
        {!versions.some((version) => version.version === selected) && (
          <option value={selected}>{selected} (not found)</option>
        )}
        {versions.map((version) => (
          <option key={version.version} value={version.version}>
            {version.version}
            {version.isLatest ? ' (latest)' : ''}
            {version.warningCount === 1 ? ' · 1 warning' : ''}
            {version.warningCount > 1 ? ` · ${version.warningCount} warnings` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
