import type { PluginDetail } from '@assay/api/contract';
import { useId } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText } from '@/components/ui/panel';
import { PanelErrorBoundary } from '@/components/ui/panel-error-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { inputClasses } from '@/components/ui/text-field';
import { paths } from '@/config/paths';
import { usePlugin } from '@/features/plugin/api/get-plugin';
import { ComparisonView } from '@/features/scans/components/comparison-view';
import { describeError } from '@/lib/describe-error';

function VersionChoice({
  label,
  plugin,
  value,
  onChange,
}: {
  label: string;
  plugin: PluginDetail;
  value: string;
  onChange: (version: string) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={`mt-1 font-mono ${inputClasses}`}
      >
        <option value="">Choose a version</option>
        {plugin.versions.map((version) => (
          <option key={version.version} value={version.version}>
            {version.version}
            {version.isLatest ? ' (latest)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Compares the scan findings of two versions of a plugin. The versions live in the URL (`?from=&to=`). */
export function CompareRoute() {
  const name = useParams().name ?? '';
  const [search, setSearch] = useSearchParams();
  const plugin = usePlugin(name);
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';

  const choose = (key: 'from' | 'to', version: string) => {
    const next = new URLSearchParams(search);
    if (version) next.set(key, version);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  if (plugin.isPending) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (plugin.isError) {
    return (
      <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        <ErrorState text={describeError(plugin.error)} onRetry={() => void plugin.refetch()} />
      </div>
    );
  }

  const detail = plugin.data;
  const title = detail.title || detail.name;
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <title>{`Compare scans of ${title} · Assay`}</title>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to={paths.catalog.build()} className={linkClasses}>
          Plugins
        </Link>{' '}
        /{' '}
        <Link to={paths.plugin.build(detail.name)} className={linkClasses}>
          {title}
        </Link>{' '}
        / Compare scans
      </nav>
      <h1 className="text-2xl font-bold">Compare vulnerability findings of {title}</h1>
      <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <VersionChoice
          label="From version"
          plugin={detail}
          value={from}
          onChange={(version) => choose('from', version)}
        />
        <VersionChoice
          label="To version"
          plugin={detail}
          value={to}
          onChange={(version) => choose('to', version)}
        />
      </div>
      {from && to ? (
        <PanelErrorBoundary title="Comparison">
          <ComparisonView plugin={detail.name} from={from} to={to} />
        </PanelErrorBoundary>
      ) : (
        <MutedText>Choose two versions to see which findings were added, fixed or stayed.</MutedText>
      )}
    </div>
  );
}
