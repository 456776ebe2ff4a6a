import type { CatalogQuery } from '@assay/api/contract';
import { registryStateLabels } from '@/components/registry-state-badge';
import { signatureStateLabels } from '@/components/signature-state-badge';
import { verdictLabels } from '@/components/verdict-badge';
import { Button } from '@/components/ui/button';
import { hasActiveFilters } from '../catalog-search';

/** Describes the search in words, for example `“unet” with input type collection and author Nick Schaub`. */
export function describeSearch(query: CatalogQuery): string {
  const parts: string[] = [];
  const listed = (label: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) parts.push(`${label} ${values.join(' or ')}`);
  };
  listed('input type', query.inputType);
  listed('output type', query.outputType);
  listed('institution', query.institution);
  listed('author', query.author);
  listed(
    'registry state',
    query.registryState?.map((state) => registryStateLabels[state].toLowerCase()),
  );
  listed(
    'verdict',
    query.verdict?.map((verdict) => verdictLabels[verdict].toLowerCase()),
  );
  listed(
    'signature',
    query.signatureState?.map((state) => signatureStateLabels[state].toLowerCase()),
  );
  const text = query.q ? `“${query.q}”` : '';
  if (parts.length === 0) return text;
  return text ? `${text} with ${parts.join(' and ')}` : parts.join(' and ');
}

export function EmptyState({ query, onClear }: { query: CatalogQuery; onClear: () => void }) {
  if (!hasActiveFilters(query)) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
        <p className="font-semibold">No plugins have been imported yet.</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          An administrator adds plugins by importing their manifests.
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
      <p className="font-semibold break-words">No plugins match {describeSearch(query)}.</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Try fewer filters or other words.</p>
      <Button className="mt-4" onClick={onClear}>
        Clear search and filters
      </Button>
    </div>
  );
}
