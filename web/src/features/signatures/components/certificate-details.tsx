import type { CertificateIdentity } from '@assay/api/contract';
import { formatTime } from '@/lib/format';

function Time({ iso }: { iso: string }) {
  const time = formatTime(iso);
  if (!time) return <>{iso}</>;
  return (
    <time dateTime={time.iso} title={time.relative}>
      {time.absolute}
    </time>
  );
}

const labelClasses = 'text-slate-600 dark:text-slate-400';

/** Lists the identity, issuer, validity and log entry time of a signing certificate. */
export function CertificateDetails({ certificate }: { certificate: CertificateIdentity }) {
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
      <dt className={labelClasses}>Identity</dt>
      <dd className="font-mono break-all">{certificate.san || '(none)'}</dd>
      <dt className={labelClasses}>Issuer</dt>
      <dd className="font-mono break-all">{certificate.issuer}</dd>
      <dt className={labelClasses}>Valid</dt>
      <dd>
        <Time iso={certificate.notBefore} /> to <Time iso={certificate.notAfter} />
      </dd>
      <dt className={labelClasses}>Log entry</dt>
      <dd>
        {certificate.logEntryTime ? (
          <Time iso={certificate.logEntryTime} />
        ) : certificate.signingTimeSource === 'verification-time' ? (
          'None; the chain was checked at verification time, as this authority allows'
        ) : (
          'No verified log entry time'
        )}
      </dd>
    </dl>
  );
}
