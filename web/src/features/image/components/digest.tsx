import { CopyButton } from '@/components/ui/copy-button';
import { shortDigest } from '@/lib/format';

/** A digest shortened for reading, with the full value in the tooltip, for screen readers and on copy. */
export function Digest({ digest, label = 'digest' }: { digest: string; label?: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <code title={digest} className="font-mono text-xs break-all">
        <span aria-hidden="true">{shortDigest(digest)}</span>
        <span className="sr-only">{digest}</span>
      </code>
      <CopyButton text={digest} label={`Copy ${label}`} />
    </span>
  );
}
