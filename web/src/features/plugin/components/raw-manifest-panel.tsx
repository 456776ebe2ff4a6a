import type { VersionDetail } from '@assay/api/contract';
import { useState } from 'react';
import { focusRing } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { rawManifestUrl, useRawManifest } from '../api/get-raw-manifest';

/** Pretty-prints JSON manifests with two-space indents; YAML (ICT) and unparseable text are returned unchanged. */
export function prettyPrintManifest(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const formatLabels: Record<VersionDetail['manifest']['format'], string> = {
  wipp: 'WIPP manifest',
  'wipp-polus': 'WIPP manifest (PolusAI variant)',
  'wipp-dict': 'WIPP manifest (dict-keyed shape)',
  ict: 'ICT manifest',
};

function Sources({ sources }: { sources: VersionDetail['sources'] }) {
  return (
    <ul className="space-y-2 text-sm">
      {sources.map((source, index) => {
        const imported = formatTime(source.importedAt);
        return (
          <li key={`${index}-${source.sha256}`} className="break-words">
            <span className="font-medium">{formatLabels[source.format]}</span>
            {index === 0 && sources.length > 1 && ' (shown)'} from{' '}
            <code className="font-mono text-xs">{source.source}</code>
            <span className="block font-mono text-xs break-all text-slate-600 dark:text-slate-400">
              sha256:{source.sha256}
            </span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              {source.warningCount === 1 ? '1 warning' : `${source.warningCount} warnings`}
              {imported && (
                <>
                  {' · imported '}
                  <time dateTime={imported.iso} title={imported.absolute}>
                    {imported.relative}
                  </time>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function RawManifest({ plugin, version }: { plugin: string; version: string }) {
  const raw = useRawManifest(plugin, version, true);
  if (raw.isPending) {
    return (
      <div className="mt-3 space-y-2">
        <p role="status" className="sr-only">
          Loading…
        </p>
        <Skeleton className="h-3 w-1/2" />
        <Skeleton className="h-3 w-2/3" />
        <Skeleton className="h-3 w-1/3" />
      </div>
    );
  }
  if (raw.isError) {
    return (
      <div className="mt-3">
        <ErrorState text={describeError(raw.error)} onRetry={() => void raw.refetch()} />
      </div>
    );
  }
  const pretty = prettyPrintManifest(raw.data);
  return (
    <div className="mt-3">
      <div className="mb-2">
        <CopyButton text={pretty} label="Copy manifest">
          Copy manifest
        </CopyButton>
      </div>
      <pre
        tabIndex={0}
        aria-label="Manifest text"
        className={`max-h-[32rem] overflow-auto rounded bg-slate-100 p-3 font-mono text-xs leading-relaxed dark:bg-slate-950 ${focusRing}`}
      >
        {pretty}
      </pre>
    </div>
  );
}

/** The imported manifest files of a version, with the first one viewable as text once opened. */
export function RawManifestPanel({ detail }: { detail: VersionDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <Panel title="Manifest source">
      <Sources sources={detail.sources} />
      <p className="mt-3 text-sm">
        <a href={rawManifestUrl(detail.plugin, detail.version)} className={linkClasses}>
          Open the original bytes
        </a>
      </p>
      <details
        className="mt-3"
        onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary className={`cursor-pointer rounded text-sm font-medium ${focusRing}`}>
          Show the manifest
        </summary>
        {open && <RawManifest plugin={detail.plugin} version={detail.version} />}
      </details>
    </Panel>
  );
}
