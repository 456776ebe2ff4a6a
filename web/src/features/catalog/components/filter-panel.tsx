import type { CatalogPage, CatalogQuery, RegistryState, SignatureState, Verdict } from '@assay/api/contract';
import { useId, useState } from 'react';
import { registryStateLabels } from '@/components/registry-state-badge';
import { signatureStateLabels } from '@/components/signature-state-badge';
import { verdictLabels } from '@/components/verdict-badge';
import { Button, focusRing } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { hasActiveFilters, listFilterKeys, toggleValue, type ListFilterKey } from '../catalog-search';
import { FacetFilter } from './facet-filter';

type Facets = CatalogPage['facets'];

const facetGroups: Array<{ key: ListFilterKey; facet: keyof Facets; legend: string }> = [
  { key: 'verdict', facet: 'verdicts', legend: 'Verdict' },
  { key: 'inputType', facet: 'inputTypes', legend: 'Input types' },
  { key: 'outputType', facet: 'outputTypes', legend: 'Output types' },
  { key: 'registryState', facet: 'registryStates', legend: 'Registry state' },
  { key: 'signatureState', facet: 'signatureStates', legend: 'Signature' },
  { key: 'institution', facet: 'institutions', legend: 'Institutions' },
  { key: 'author', facet: 'authors', legend: 'Authors' },
];

function formatRegistryState(value: string): string {
  return registryStateLabels[value as RegistryState] ?? value;
}

function formatVerdict(value: string): string {
  return verdictLabels[value as Verdict] ?? value;
}

function formatSignatureState(value: string): string {
  return signatureStateLabels[value as SignatureState] ?? value;
}

export interface FilterPanelProps {
  query: CatalogQuery;
  /** Facets of the current result; undefined while the first page loads or after it failed to load. */
  facets: Facets | undefined;
  /** True when the catalog request failed before any facets arrived; the results area shows the error. */
  facetsFailed?: boolean;
  onChange: (change: Partial<CatalogQuery>) => void;
  onClear: () => void;
}

/** Facet filters: a sidebar on wide screens, behind a "Filters" button on narrow ones. */
export function FilterPanel({ query, facets, facetsFailed = false, onChange, onClear }: FilterPanelProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const activeCount =
    listFilterKeys.reduce((sum, key) => sum + (query[key]?.length ?? 0), 0) +
    (query.noCritical === 'true' ? 1 : 0);

  return (
    <div>
      <Button
        className="w-full lg:hidden"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide filters' : 'Show filters'}
        {activeCount > 0 && ` (${activeCount} active)`}
      </Button>
      <div id={panelId} className={`${open ? 'block' : 'hidden'} mt-4 space-y-6 lg:mt-0 lg:block`}>
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold">Filters</h2>
          {hasActiveFilters(query) && (
            <Button variant="ghost" size="sm" onClick={onClear}>
              Clear all
            </Button>
          )}
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">Vulnerabilities</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={query.noCritical === 'true'}
              onChange={(event) => onChange({ noCritical: event.target.checked ? 'true' : undefined })}
              className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
            />
            No critical findings
          </label>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Plugins whose newest version has a scan report without a critical finding.
          </p>
        </fieldset>
        {facets ? (
          facetGroups
            // An empty result has no facet values; a group stays only while one of its values is selected.
            .filter(({ key, facet }) => facets[facet].length > 0 || (query[key]?.length ?? 0) > 0)
            .map(({ key, facet, legend }) => (
              <FacetFilter
                key={key}
                legend={legend}
                options={facets[facet]}
                formatLabel={
                  key === 'registryState'
                    ? formatRegistryState
                    : key === 'signatureState'
                      ? formatSignatureState
                      : key === 'verdict'
                        ? formatVerdict
                        : undefined
                }
                selected={query[key] ?? []}
                onToggle={(value) => onChange({ [key]: toggleValue<string>(query[key], value) })}
              />
            ))
        ) : facetsFailed ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The other filters appear once the plugins load.
          </p>
        ) : (
          facetGroups.map(({ key, legend }) => (
            <div key={key} aria-hidden="true">
              <p className="mb-2 text-sm font-semibold">{legend}</p>
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="mt-2 h-4 w-2/3" />
              <Skeleton className="mt-2 h-4 w-1/2" />
            </div>
          ))
        )}
      </div>
    </div>
  );
}
