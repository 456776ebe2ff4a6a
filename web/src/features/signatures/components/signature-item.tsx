import type { VersionSignature } from '@assay/api/contract';
import { Link } from 'react-router';
import { CopyButton } from '@/components/ui/copy-button';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { formatTime, shortDigest } from '@/lib/format';
import { CertificateDetails } from './certificate-details';
import { TrustStateBadge } from '@/components/signature-trust-badge';

const sourceLabels = {
  'cosign-tag': 'cosign signature tag',
  'referrer-bundle': 'Sigstore bundle referrer',
} as const;

function coverageText(signature: VersionSignature): string {
  switch (signature.covers.role) {
    case 'image':
      return 'This digest';
    case 'platform':
      return `Only the ${signature.covers.platform ?? 'unknown'} platform manifest`;
    case 'index':
      return 'The index that contains this digest';
  }
}

function Signer({ signature }: { signature: VersionSignature }) {
  if (signature.signer) {
    return (
      <Link to={paths.signer.build(signature.signer.id)} className={`font-medium ${linkClasses}`}>
        {signature.signer.displayName}
      </Link>
    );
  }
  if (signature.certificate?.san)
    return <span className="font-medium break-all">{signature.certificate.san}</span>;
  if (signature.keyFingerprint)
    return <span className="font-medium">Key {signature.keyFingerprint.slice(0, 16)}</span>;
  return <span className="font-medium">Unknown signer</span>;
}

const labelClasses = 'text-slate-600 dark:text-slate-400';

/** Shows one signature: what it means now, who made it, what it covers, and how it was verified. */
export function SignatureItem({ signature }: { signature: VersionSignature }) {
  const verified = formatTime(signature.verifiedAt);
  const signedDigest = signature.claims?.dockerManifestDigest;
  return (
    <article
      id={`signature-${signature.id}`}
      className="scroll-mt-4 space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center gap-2">
        <TrustStateBadge state={signature.state} />
        <Signer signature={signature} />
        {signature.kind && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            {signature.kind === 'key' ? 'key' : 'certificate'}
          </span>
        )}
      </div>
      <p className="text-sm">{signature.stateText}</p>
      {signature.reason !== 'ok' && (
        <p className="text-xs text-slate-700 dark:text-slate-300">{signature.reasonText}</p>
      )}

      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
        <dt className={labelClasses}>Covers</dt>
        <dd>
          {coverageText(signature)}
          {signature.covers.role !== 'image' && (
            <span className="ml-1 inline-flex items-center gap-1">
              <code title={signature.digest} className="font-mono">
                {shortDigest(signature.digest)}
              </code>
              <CopyButton text={signature.digest} label="Copy covered digest" />
            </span>
          )}
        </dd>
        {signedDigest && signedDigest !== signature.digest && (
          <>
            <dt className={labelClasses}>Signed digest</dt>
            <dd>
              <code title={signedDigest} className="font-mono break-all">
                {signedDigest}
              </code>
            </dd>
          </>
        )}
        {signature.keyFingerprint && (
          <>
            <dt className={labelClasses}>Key</dt>
            <dd>
              <code title={signature.keyFingerprint} className="font-mono break-all">
                SHA-256 {signature.keyFingerprint}
              </code>
            </dd>
          </>
        )}
      </dl>

      {signature.certificate && <CertificateDetails certificate={signature.certificate} />}

      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Technical details</summary>
        <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
          {signature.source && (
            <>
              <dt className={labelClasses}>Found in</dt>
              <dd>{sourceLabels[signature.source]}</dd>
            </>
          )}
          {signature.location.manifestDigest && (
            <>
              <dt className={labelClasses}>Manifest</dt>
              <dd className="font-mono break-all">{signature.location.manifestDigest}</dd>
            </>
          )}
          {signature.location.layerIndex !== undefined && (
            <>
              <dt className={labelClasses}>Layer</dt>
              <dd>{signature.location.layerIndex}</dd>
            </>
          )}
          {signature.claims?.dockerReference && (
            <>
              <dt className={labelClasses}>Signed reference</dt>
              <dd className="font-mono break-all">{signature.claims.dockerReference}</dd>
            </>
          )}
          <dt className={labelClasses}>Result</dt>
          <dd className="font-mono">
            {signature.status} / {signature.reason}
          </dd>
          {verified && (
            <>
              <dt className={labelClasses}>Verified</dt>
              <dd>
                <time dateTime={verified.iso} title={verified.absolute}>
                  {verified.relative}
                </time>
              </dd>
            </>
          )}
        </dl>
      </details>
    </article>
  );
}
