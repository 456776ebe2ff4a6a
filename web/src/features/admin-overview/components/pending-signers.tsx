import type { PendingSigner } from '@assay/api/contract';
import { Link } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { paths } from '@/config/paths';
import { formatTime } from '@/lib/format';

/** Signers waiting for an administrator's decision, those waiting longest first. */
export function PendingSigners({ signers, total }: { signers: PendingSigner[]; total: number }) {
  return (
    <Panel title="Signers to review" aside={<MutedText>{`${total} pending`}</MutedText>}>
      {signers.length === 0 ? (
        <MutedText>No signer is waiting for review.</MutedText>
      ) : (
        <ul className="space-y-2 text-sm">
          {signers.map((signer) => {
            const time = formatTime(signer.createdAt);
            return (
              <li key={signer.id}>
                <Link to={paths.signer.build(signer.id)} className={linkClasses}>
                  {signer.displayName}
                </Link>{' '}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {signer.kind === 'key' ? 'key' : 'keyless identity'}
                  {time && (
                    <>
                      , seen{' '}
                      <time dateTime={time.iso} title={time.absolute}>
                        {time.relative}
                      </time>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {total > signers.length && (
        <p className="mt-3 text-sm">
          <Link to={paths.signers.build(new URLSearchParams({ status: 'pending' }))} className={linkClasses}>
            All {total} pending signers
          </Link>
        </p>
      )}
    </Panel>
  );
}
