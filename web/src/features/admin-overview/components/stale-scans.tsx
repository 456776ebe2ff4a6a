import type { StaleScan } from '@assay/api/contract';
import { Link } from 'react-router';
import { linkClasses } from '@/components/ui/external-link';
import { MutedText, Panel } from '@/components/ui/panel';
import { paths } from '@/config/paths';
import { formatTime } from '@/lib/format';

const statusLabels: Record<StaleScan['status'], string> = {
  stale: 'older than the policy allows',
  'age-unknown': 'the report does not say when it ran',
  missing: 'no scan',
  unverified: 'only an unverified attestation',
};

/** Shows one plugin whose scan needs renewing, linked to its version's vulnerability panel. */
export function StaleScanItem({ scan }: { scan: StaleScan }) {
  const time = scan.generatedAt ? formatTime(scan.generatedAt) : undefined;
  return (
    <li>
      <Link
        to={`${paths.pluginVersion.build(scan.plugin, scan.version)}#vulnerabilities`}
        className={linkClasses}
      >
        {scan.title || scan.plugin} {scan.version}
      </Link>{' '}
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {statusLabels[scan.status]}
        {time && (
          <>
            , scanned{' '}
            <time dateTime={time.iso} title={time.absolute}>
              {time.relative}
            </time>
          </>
        )}
      </span>
    </li>
  );
}

/** Plugins whose newest version lacks a usable, fresh scan: aged scans first, oldest first. */
export function StaleScans({ scans, total }: { scans: StaleScan[]; total: number }) {
  return (
    <Panel
      title="Scans to renew"
      aside={<MutedText>{`${total} ${total === 1 ? 'plugin' : 'plugins'}`}</MutedText>}
    >
      {scans.length === 0 ? (
        <MutedText>Every plugin's newest version has a fresh scan.</MutedText>
      ) : (
        <ul className="space-y-2 text-sm">
          {scans.map((scan) => (
            <StaleScanItem key={scan.plugin} scan={scan} />
          ))}
        </ul>
      )}
      {total > scans.length && (
        <p className="mt-3 text-sm">
          <Link to={paths.staleScans.build()} className={linkClasses}>
            All {total} plugins with scans to renew
          </Link>
        </p>
      )}
    </Panel>
  );
}
