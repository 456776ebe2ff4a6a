import type { Signer } from '@assay/api/contract';
import { Link } from 'react-router';
import { focusRing } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { formatTime } from '@/lib/format';
import { SignerStatusBadge } from './signer-status-badge';

function Identity({ signer }: { signer: Signer }) {
  if (signer.publicKey) {
    return (
      <span className="font-mono break-all">
        {signer.publicKey.algorithm} · SHA-256 {signer.publicKey.fingerprint.slice(0, 24)}…
      </span>
    );
  }
  if (signer.identity) {
    return (
      <span className="break-all">
        <bdi className="font-mono">{signer.identity.san}</bdi> from{' '}
        <bdi className="font-mono">{signer.identity.issuer}</bdi>
      </span>
    );
  }
  return null;
}

function SignerRow({ signer }: { signer: Signer }) {
  const changed = formatTime(signer.statusChangedAt);
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="min-w-0 font-semibold break-words">
          <Link
            to={paths.signer.build(signer.id)}
            className={`rounded-sm text-blue-800 hover:underline dark:text-sky-300 ${focusRing}`}
          >
            <bdi>{signer.displayName}</bdi>
          </Link>
        </h3>
        <SignerStatusBadge status={signer.status} expired={signer.expired} />
      </div>
      <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        {signer.kind === 'key' ? 'Public key' : 'Keyless identity'} · <Identity signer={signer} />
      </p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {signer.imageCount === 1 ? 'Signed 1 image' : `Signed ${signer.imageCount} images`}
        {signer.scope.length > 0 && ` · scope ${signer.scope.join(', ')}`}
        {signer.origin === 'discovered' && ' · found on an image'}
        {changed && (
          <>
            {' · status changed '}
            <time dateTime={changed.iso} title={changed.absolute}>
              {changed.relative}
            </time>
          </>
        )}
      </p>
      {signer.status === 'revoked' && signer.statusReason && (
        <p className="mt-1 text-xs text-red-800 dark:text-red-300">
          Revoked: <bdi>{signer.statusReason}</bdi>
        </p>
      )}
    </article>
  );
}

export function SignerList({ signers }: { signers: Signer[] }) {
  return (
    <ul className="space-y-3">
      {signers.map((signer) => (
        <li key={signer.id}>
          <SignerRow signer={signer} />
        </li>
      ))}
    </ul>
  );
}
