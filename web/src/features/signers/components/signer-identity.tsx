import type { Signer } from '@assay/api/contract';
import { CopyButton } from '@/components/ui/copy-button';
import { formatTime } from '@/lib/format';

const labelClasses = 'text-sm text-slate-600 dark:text-slate-400';

/** Who the signer is: the key and its fingerprint, or the exact SAN and issuer; and what its approval covers. */
export function SignerIdentity({ signer }: { signer: Signer }) {
  const expires = signer.expiresAt ? formatTime(signer.expiresAt) : undefined;
  return (
    <dl className="grid grid-cols-[minmax(0,1fr)] gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
      {signer.publicKey && (
        <>
          <dt className={labelClasses}>Key</dt>
          <dd>{signer.publicKey.algorithm}</dd>
          <dt className={labelClasses}>SHA-256 fingerprint</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-xs break-all">{signer.publicKey.fingerprint}</code>
            <CopyButton text={signer.publicKey.fingerprint} label="Copy fingerprint" />
          </dd>
          <dt className={labelClasses}>Public key</dt>
          <dd className="space-y-1">
            <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">
              {signer.publicKey.pem}
            </pre>
            <CopyButton text={signer.publicKey.pem} label="Copy public key">
              Copy PEM
            </CopyButton>
          </dd>
        </>
      )}
      {signer.identity && (
        <>
          <dt className={labelClasses}>Subject alternative name</dt>
          <dd className="font-mono text-xs break-all">
            <bdi>{signer.identity.san}</bdi>
          </dd>
          <dt className={labelClasses}>OIDC issuer</dt>
          <dd className="font-mono text-xs break-all">{signer.identity.issuer}</dd>
        </>
      )}
      <dt className={labelClasses}>Scope</dt>
      <dd>{signer.scope.length === 0 ? 'Every repository' : signer.scope.join(', ')}</dd>
      <dt className={labelClasses}>Approval expires</dt>
      <dd>
        {expires ? (
          <>
            <time dateTime={expires.iso}>{expires.absolute}</time>
            {signer.expired && ' (expired)'}
          </>
        ) : (
          'Never'
        )}
      </dd>
      <dt className={labelClasses}>Added</dt>
      <dd>
        {signer.origin === 'discovered'
          ? 'Found on an image by Assay'
          : signer.origin === 'demo'
            ? 'Demo data'
            : 'By an administrator'}
      </dd>
    </dl>
  );
}
