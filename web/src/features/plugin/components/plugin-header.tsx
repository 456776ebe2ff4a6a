import type { PluginDetail } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { ExternalLink } from '@/components/ui/external-link';

export interface PluginHeaderProps {
  plugin: PluginDetail;
  /** Controls placed beside the title, such as the version selector. */
  actions?: ReactNode;
}

export function PluginHeader({ plugin, actions }: PluginHeaderProps) {
  const facts: Array<[string, ReactNode]> = [];
  if (plugin.author) facts.push(['Author', plugin.author]);
  if (plugin.institution) facts.push(['Institution', plugin.institution]);
  if (plugin.repository) facts.push(['Repository', <ExternalLink href={plugin.repository} />]);
  if (plugin.website && plugin.website !== plugin.repository) {
    facts.push(['Website', <ExternalLink href={plugin.website} />]);
  }

  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight break-words">{plugin.title || plugin.name}</h1>
          <p className="mt-1 font-mono text-sm break-all text-slate-600 dark:text-slate-400">{plugin.name}</p>
        </div>
        {actions}
      </div>
      {plugin.description && (
        <p className="max-w-3xl whitespace-pre-line text-slate-700 dark:text-slate-300">
          {plugin.description}
        </p>
      )}
      {facts.length > 0 && (
        <dl className="grid max-w-3xl grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
              <dd className="min-w-0 break-words">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </header>
  );
}
