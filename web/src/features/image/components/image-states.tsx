import type { ImageDetails } from '@assay/api/contract';
import { Callout } from '@/components/ui/callout';
import { formatTime } from '@/lib/format';
import { Digest } from './digest';

function CheckedAt({ checkedAt }: { checkedAt: string | undefined }) {
  const time = checkedAt ? formatTime(checkedAt) : undefined;
  if (!time) return null;
  return (
    <p>
      Last checked{' '}
      <time dateTime={time.iso} title={time.absolute}>
        {time.relative}
      </time>
      .
    </p>
  );
}

/** Explains an image that Assay could not resolve, or whose tag moved; renders nothing for a plain resolved image. */
export function ImageStateNotice({ image }: { image: ImageDetails }) {
  switch (image.status) {
    case 'registry-not-configured':
      return (
        <Callout tone="info" title="Registry not configured">
          <p>
            This version’s image is in <code className="font-mono">{image.registry}</code>, which is not among
            the registries Assay is configured for. Assay never contacts registries it is not configured for,
            so it has no digest, size or signature information for this image.
          </p>
          <p>An administrator can add the registry to Assay’s configuration.</p>
        </Callout>
      );
    case 'not-found':
      return (
        <Callout tone="warning" title="Image not found">
          <p>
            {image.error ?? `The registry ${image.registry} has no ${image.repository}:${image.tag ?? ''}.`}
          </p>
          <CheckedAt checkedAt={image.checkedAt} />
        </Callout>
      );
    case 'error':
      return (
        <Callout tone="warning" title="Registry error">
          <p>{image.error ?? `The registry ${image.registry} could not be reached.`}</p>
          {image.registeredDigest && <p>The digest below was recorded when this version was registered.</p>}
          <CheckedAt checkedAt={image.checkedAt} />
        </Callout>
      );
    case 'pending':
      return (
        <Callout title="Not checked yet">
          <p>Assay has not looked up this image in {image.registry} yet. Reload the page in a moment.</p>
        </Callout>
      );
    case 'resolved':
      if (!image.tagMoved) return null;
      return (
        <Callout tone="bad" title="Tag moved">
          <p>
            The tag <code className="font-mono">{image.tag}</code> now points to a different image than when
            this version was registered. Check who pushed the new image before using the tag.
          </p>
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-center gap-x-3 gap-y-1">
            {image.registeredDigest && (
              <>
                <dt className="font-medium">Registered</dt>
                <dd>
                  <Digest digest={image.registeredDigest} label="registered digest" />
                </dd>
              </>
            )}
            {image.currentDigest && (
              <>
                <dt className="font-medium">Current</dt>
                <dd>
                  <Digest digest={image.currentDigest} label="current digest" />
                </dd>
              </>
            )}
          </dl>
        </Callout>
      );
  }
}
