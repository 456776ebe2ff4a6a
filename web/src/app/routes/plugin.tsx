import type { PluginDetail, VersionDetail } from '@assay/api/contract';
import { Link, useNavigate, useParams } from 'react-router';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { linkClasses } from '@/components/ui/external-link';
import { PanelErrorBoundary } from '@/components/ui/panel-error-boundary';
import { paths } from '@/config/paths';
import { ImagePanel } from '@/features/image/components/image-panel';
import { usePlugin } from '@/features/plugin/api/get-plugin';
import { useVersion } from '@/features/plugin/api/get-version';
import { CitationPanel } from '@/features/plugin/components/citation-panel';
import { InputsTable, OutputsTable } from '@/features/plugin/components/io-tables';
import { PluginHeader } from '@/features/plugin/components/plugin-header';
import { PluginSkeleton, VersionSkeleton } from '@/features/plugin/components/plugin-skeleton';
import { RawManifestPanel } from '@/features/plugin/components/raw-manifest-panel';
import { VersionSelector } from '@/features/plugin/components/version-selector';
import { WarningsPanel } from '@/features/plugin/components/warnings-panel';
import { citationFromManifest } from '@/features/plugin/lib/citation';
import { WippForm } from '@/features/plugin-form/components/wipp-form';
import { useSession } from '@/features/auth/api/get-session';
import { ReviewsPanel } from '@/features/reviews/components/reviews-panel';
import { VulnerabilitiesPanel } from '@/features/scans/components/vulnerabilities-panel';
import { SignaturesPanel } from '@/features/signatures/components/signatures-panel';
import { VerdictPanel } from '@/features/verdict/components/verdict-panel';
import { describeError } from '@/lib/describe-error';

function Breadcrumb({ title }: { title: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600 dark:text-slate-400">
        <li>
          <Link to={paths.catalog.build()} className={linkClasses}>
            Plugins
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page" className="min-w-0 truncate">
          {title}
        </li>
      </ol>
    </nav>
  );
}

function yearOf(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const year = new Date(iso).getUTCFullYear();
  return Number.isNaN(year) ? undefined : year;
}

function VersionBody({ plugin, detail }: { plugin: PluginDetail; detail: VersionDetail }) {
  const digest = detail.image.registeredDigest ?? detail.image.currentDigest;
  const slot = { plugin: plugin.name, version: detail.version, digest };
  const viewer = useSession().data?.user ?? null;
  // The plugin's URL name is its stable identity; the manifest's own `name` may be a display name with spaces.
  const citation = citationFromManifest(
    { ...detail.manifest, name: plugin.name },
    yearOf(detail.image.created),
  );

  // DOM order is trust panels, manifest panels, then citation and reviews, so narrow screens show the
  // verdict and image first. On wide screens the grid puts the scan findings, which need the width of
  // their table, and the manifest panels in the left column.
  return (
    <div className="mt-6 space-y-6">
      {!detail.isLatest && (
        <Callout tone="info" title={`This is version ${detail.version}, not the latest`}>
          <p>
            The latest version is{' '}
            <Link to={paths.pluginVersion.build(plugin.name, plugin.latestVersion)} className={linkClasses}>
              {plugin.latestVersion}
            </Link>
            .
          </p>
        </Callout>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_26rem] lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-start-1">
          <PanelErrorBoundary title="Verdict">
            <VerdictPanel {...slot} />
          </PanelErrorBoundary>
          {/* Fragment targets of the verdict's evidence links. */}
          <div id="image" className="scroll-mt-4">
            <PanelErrorBoundary title="Image">
              <ImagePanel
                key={detail.version}
                plugin={plugin.name}
                version={detail.version}
                image={detail.image}
                containerId={detail.manifest.containerId}
                canRefresh={viewer?.role === 'admin'}
              />
            </PanelErrorBoundary>
          </div>
          <PanelErrorBoundary title="Signatures">
            <SignaturesPanel {...slot} />
          </PanelErrorBoundary>
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <div id="vulnerabilities" className="scroll-mt-4">
            <PanelErrorBoundary title="Vulnerabilities">
              <VulnerabilitiesPanel
                {...slot}
                isAdmin={viewer?.role === 'admin'}
                olderVersion={
                  plugin.versions[plugin.versions.findIndex((item) => item.version === detail.version) + 1]
                    ?.version
                }
              />
            </PanelErrorBoundary>
          </div>
          <InputsTable inputs={detail.manifest.inputs} />
          <OutputsTable outputs={detail.manifest.outputs} />
          <PanelErrorBoundary title="Form preview">
            <WippForm key={`${detail.plugin}@${detail.version}`} manifest={detail.manifest} />
          </PanelErrorBoundary>
          <WarningsPanel warnings={detail.warnings} />
          <PanelErrorBoundary title="Manifest source">
            <RawManifestPanel detail={detail} />
          </PanelErrorBoundary>
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-start-2">
          <PanelErrorBoundary title="Citation">
            <CitationPanel citation={citation} manifestCitation={detail.manifest.citation} />
          </PanelErrorBoundary>
          <PanelErrorBoundary title="Reviews">
            <ReviewsPanel {...slot} viewer={viewer} />
          </PanelErrorBoundary>
        </div>
      </div>
    </div>
  );
}

function VersionSection({ plugin, version }: { plugin: PluginDetail; version: string }) {
  const query = useVersion(plugin.name, version);

  if (query.isPending) return <VersionSkeleton />;
  if (query.isError) {
    const text = describeError(query.error, {
      'not-found': () => ({
        title: `Version ${version} not found`,
        detail: `${plugin.title || plugin.name} has no version ${version}. Choose another version above.`,
        retryable: false,
      }),
    });
    return (
      <div className="mt-6">
        <ErrorState text={text} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  return (
    <div aria-busy={query.isPlaceholderData} className={query.isPlaceholderData ? 'opacity-60' : undefined}>
      <VersionBody plugin={plugin} detail={query.data} />
    </div>
  );
}

export function PluginRoute() {
  const params = useParams();
  const navigate = useNavigate();
  const name = params.name ?? '';
  const plugin = usePlugin(name);

  if (plugin.isPending) return <PluginSkeleton />;
  if (plugin.isError) {
    const text = describeError(plugin.error, {
      'not-found': () => ({
        title: 'Plugin not found',
        detail: `Assay has no plugin named “${name}”. It may have been renamed or removed.`,
        retryable: false,
      }),
    });
    return (
      <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        <title>Plugin not found · Assay</title>
        <Breadcrumb title={name} />
        <h1 className="mb-4 text-2xl font-bold">{name}</h1>
        <ErrorState text={text} onRetry={() => void plugin.refetch()}>
          <Link to={paths.catalog.build()} className={linkClasses}>
            Browse all plugins
          </Link>
        </ErrorState>
      </div>
    );
  }

  const detail = plugin.data;
  const version = params.version ?? detail.latestVersion;

  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <title>{`${detail.title || detail.name} ${version} · Assay`}</title>
      <Breadcrumb title={detail.title || detail.name} />
      <PluginHeader
        plugin={detail}
        actions={
          <VersionSelector
            versions={detail.versions}
            selected={version}
            onSelect={(next) => void navigate(paths.pluginVersion.build(detail.name, next))}
          />
        }
      />
      <VersionSection plugin={detail} version={version} />
    </div>
  );
}
