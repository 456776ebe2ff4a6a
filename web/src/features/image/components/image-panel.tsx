import type { ImageDetails } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { MutedText, Panel } from '@/components/ui/panel';
import { formatBytes, formatTime } from '@/lib/format';
import { useRefreshImage } from '../api/refresh-image';
import { Digest } from './digest';
import { ImageStateNotice } from './image-states';
import { PlatformList } from './platform-list';
import { RefreshImageButton, RefreshImageOutcome } from './refresh-image-control';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** Turns a digest-pinned reference into a `docker pull` command; a value that already is a command stays as it is. */
export function toPullCommand(pullReference: string): string {
  const trimmed = pullReference.trim();
  return /^(docker|podman|nerdctl|crane|skopeo)\s/.test(trimmed) ? trimmed : `docker pull ${trimmed}`;
}

export interface ImagePanelProps {
  plugin: string;
  version: string;
  image: ImageDetails;
  /** The manifest's `containerId`, shown as written. */
  containerId: string;
  /** Shows the "Refresh from registry" button, which only admins may use. */
  canRefresh?: boolean;
}

/** The container image of a version: where it is, which digest it is, and how to pull exactly that digest. */
export function ImagePanel({ plugin, version, image, containerId, canRefresh = false }: ImagePanelProps) {
  const refresh = useRefreshImage(plugin, version);
  const digest = image.registeredDigest ?? image.currentDigest;
  const created = image.created ? formatTime(image.created) : undefined;
  const pullCommand = image.pullReference ? toPullCommand(image.pullReference) : undefined;
  const hasImageData = image.status === 'resolved' || image.platforms.length > 0;

  return (
    <Panel title="Image" aside={canRefresh ? <RefreshImageButton refresh={refresh} /> : undefined}>
      <div className="space-y-4 text-sm">
        <RefreshImageOutcome refresh={refresh} />
        <ImageStateNotice image={image} />

        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2">
          <Fact term="Container">
            <code className="font-mono text-xs break-all">{containerId}</code>
          </Fact>
          <Fact term="Registry">
            <code className="font-mono text-xs">{image.registry}</code>
          </Fact>
          <Fact term="Repository">
            <code className="font-mono text-xs break-all">{image.repository}</code>
          </Fact>
          {image.tag && (
            <Fact term="Tag">
              <code className="font-mono text-xs">{image.tag}</code>
            </Fact>
          )}
          {digest && (
            <Fact term="Digest">
              <Digest digest={digest} />
            </Fact>
          )}
          {image.size !== undefined && (
            <Fact term="Compressed size">
              <span title={`${image.size.toLocaleString('en')} bytes`}>{formatBytes(image.size)}</span>
            </Fact>
          )}
          {created && (
            <Fact term="Created">
              <time dateTime={created.iso}>
                {created.relative}{' '}
                <span className="text-slate-600 dark:text-slate-400">({created.absolute})</span>
              </time>
            </Fact>
          )}
          {image.mediaType && (
            <Fact term="Media type">
              <code className="font-mono text-xs break-all">{image.mediaType}</code>
            </Fact>
          )}
        </dl>

        {pullCommand && (
          <div>
            <h3 className="mb-1 font-medium">Pull by digest</h3>
            <div className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1.5 font-mono text-xs break-all dark:bg-slate-950">
                {pullCommand}
              </code>
              <CopyButton text={pullCommand} label="Copy pull command" />
            </div>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              Pulling by digest gets exactly this image, even if the tag moves later.
            </p>
          </div>
        )}

        {hasImageData && (
          <div>
            <h3 className="mb-1 font-medium">Platforms</h3>
            {image.platforms.length === 0 ? (
              <MutedText>No platform information.</MutedText>
            ) : (
              <PlatformList platforms={image.platforms} />
            )}
          </div>
        )}

        {image.otherTags.length > 0 && (
          <div>
            <h3 className="mb-1 font-medium">Other tags in this repository</h3>
            <ul className="flex flex-wrap gap-1">
              {image.otherTags.map((tag) => (
                <li key={tag}>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                    {tag}
                  </code>
                </li>
              ))}
            </ul>
          </div>
        )}

        {Object.keys(image.labels).length > 0 && (
          <details>
            <summary className="cursor-pointer font-medium">
              Labels ({Object.keys(image.labels).length})
            </summary>
            <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1">
              {Object.entries(image.labels).map(([key, value]) => (
                <Fact key={key} term={key}>
                  <span className="font-mono text-xs break-all">{value}</span>
                </Fact>
              ))}
            </dl>
          </details>
        )}
      </div>
    </Panel>
  );
}
