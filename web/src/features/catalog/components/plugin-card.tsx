import type { PluginSummary } from '@assay/api/contract';
import { Link } from 'react-router';
import { RegistryStateBadge } from '@/components/registry-state-badge';
import { ScanIndicator } from '@/components/scan-indicator';
import { SignatureStateBadge } from '@/components/signature-state-badge';
import { VerdictBadgeWithReasons } from '@/components/verdict-badge';
import { focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { formatTime } from '@/lib/format';

function TypeList({ label, types }: { label: string; types: string[] }) {
  if (types.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      {types.map((type) => (
        <dd
          key={type}
          className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200"
        >
          {type}
        </dd>
      ))}
    </div>
  );
}

export function PluginCard({ plugin }: { plugin: PluginSummary }) {
  const updated = formatTime(plugin.updatedAt);
  return (
    <article className="relative h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition-colors focus-within:border-blue-600 hover:border-slate-400 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-slate-600">
      <h3 className="text-base font-semibold break-words">
        <Link
          to={paths.plugin.build(plugin.name)}
          className={`rounded-sm text-blue-800 hover:underline dark:text-sky-300 ${focusRing}`}
        >
          {plugin.title || plugin.name}
        </Link>
      </h3>
      <p className="mt-0.5 font-mono text-xs break-all text-slate-600 dark:text-slate-400">
        {plugin.name} · v{plugin.latestVersion}
        {plugin.versionCount > 1 && ` · ${plugin.versionCount} versions`}
      </p>
      {/* Always a row of its own, so every card has its badges in the same place whatever the title's length. */}
      <div className="mt-2 flex flex-wrap items-center gap-1">
        {plugin.verdict && (
          <VerdictBadgeWithReasons
            verdict={plugin.verdict}
            href={`${paths.pluginVersion.build(plugin.name, plugin.verdict.version)}#verdict`}
          />
        )}
        <SignatureStateBadge state={plugin.signatureState} />
        <RegistryStateBadge state={plugin.registryState} />
      </div>
      {plugin.rating !== null && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          <span aria-hidden="true" className="text-amber-600 dark:text-amber-400">
            ★
          </span>{' '}
          <span className="font-medium">{plugin.rating.toFixed(1)}</span> average from {plugin.ratingCount}{' '}
          {plugin.ratingCount === 1 ? 'rating' : 'ratings'}
        </p>
      )}
      {plugin.description && (
        <p className="mt-2 line-clamp-3 text-sm text-slate-700 dark:text-slate-300">{plugin.description}</p>
      )}
      <dl className="mt-3 space-y-1.5">
        <TypeList label="Inputs" types={plugin.inputTypes} />
        <TypeList label="Outputs" types={plugin.outputTypes} />
        <div className="flex flex-wrap items-center gap-1">
          <dt className="text-xs text-slate-600 dark:text-slate-400">Vulnerabilities</dt>
          <dd>
            <ScanIndicator scan={plugin.scan} />
          </dd>
        </div>
      </dl>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
        {[plugin.author, plugin.institution].filter(Boolean).join(' · ')}
        {updated && (
          <>
            {' · updated '}
            <time dateTime={updated.iso} title={updated.absolute}>
              {updated.relative}
            </time>
          </>
        )}
      </p>
    </article>
  );
}
