import type { PolicyException, SignerRule, TrustPolicyVersion } from '@assay/api/contract';
import { Badge } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { stackedTable } from '@/components/ui/stacked-table';
import { SeverityBadge } from '@/components/severity-badge';
import { formatTime } from '@/lib/format';

export const signerRuleLabels: Record<SignerRule, string> = {
  'approved-in-scope': 'Approved signers, within their repository scope',
  approved: 'Approved signers, in any repository',
};

/** Names who saved a version: Assay, the administrator (shown to administrators only), or nobody. */
export function authorText(version: Pick<TrustPolicyVersion, 'bySystem' | 'author'>, prefix: string): string {
  if (version.bySystem) return `${prefix}Assay`;
  if (version.author) return `${prefix}${version.author}`;
  return '';
}

function Time({ iso }: { iso: string }) {
  const time = formatTime(iso);
  if (!time) return <>{iso}</>;
  return (
    <time dateTime={time.iso} title={time.absolute} className="whitespace-nowrap">
      {time.absolute.slice(0, 10)}
    </time>
  );
}

function ExceptionRow({ exception, now }: { exception: PolicyException; now: Date }) {
  const expired = Date.parse(exception.expiresAt) <= now.getTime();
  return (
    <tr
      id={`exception-${exception.vulnerabilityId}`}
      className={`${stackedTable.row} scroll-mt-4 target:bg-amber-50 dark:target:bg-amber-950`}
    >
      <th
        scope="row"
        className={`${stackedTable.titleCell} font-mono text-xs font-semibold whitespace-nowrap`}
      >
        {exception.vulnerabilityId}
      </th>
      <td data-label="Justification" className={`${stackedTable.cell} break-words`}>
        {exception.justification}
      </td>
      <td data-label="Applies to" className={`${stackedTable.cell} text-xs break-words`}>
        {exception.repositories.length === 0 ? 'Every repository' : exception.repositories.join(', ')}
      </td>
      <td data-label="Expires" className={`${stackedTable.cell} text-xs md:whitespace-nowrap`}>
        <span>
          <Time iso={exception.expiresAt} /> {expired && <Badge tone="bad">Expired</Badge>}
        </span>
      </td>
      <td data-label="Added" className={`${stackedTable.cell} text-xs`}>
        <span>
          {exception.addedBy ?? 'Assay'}, <Time iso={exception.addedAt} />
        </span>
      </td>
    </tr>
  );
}

/** A policy version as read-only text: the signer rule, the scan rules and the exceptions. */
export function PolicySummary({ version, now = new Date() }: { version: TrustPolicyVersion; now?: Date }) {
  const { policy } = version;
  const created = formatTime(version.createdAt);
  return (
    <Panel
      title={`Version ${version.version}`}
      aside={version.isCurrent ? <Badge tone="info">In force</Badge> : <Badge>Earlier version</Badge>}
    >
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
        Saved{' '}
        {created && (
          <time dateTime={created.iso} title={created.absolute}>
            {created.relative}
          </time>
        )}
        {authorText(version, ' by ')}: {version.reason}
      </p>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Signatures that count</dt>
        <dd>{signerRuleLabels[policy.signerRule]}</dd>
        <dt className="font-medium">Maximum scan age</dt>
        <dd>
          {policy.maxScanAgeDays} {policy.maxScanAgeDays === 1 ? 'day' : 'days'}
        </dd>
        <dt className="font-medium">Severities that fail</dt>
        <dd className="flex flex-wrap gap-1">
          {policy.failSeverities.length === 0
            ? 'None: findings never fail the policy'
            : policy.failSeverities.map((severity) => <SeverityBadge key={severity} severity={severity} />)}
        </dd>
        <dt className="font-medium">Findings that count</dt>
        <dd>
          {policy.fixableOnly ? 'Only findings that have a fix' : 'Every finding, with or without a fix'}
        </dd>
      </dl>
      <h3 className="mt-6 mb-2 text-base font-semibold">Exceptions</h3>
      {policy.exceptions.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No finding is accepted by an exception.</p>
      ) : (
        <ScrollRegion label={`Exceptions of policy version ${version.version}`}>
          <table className={`${stackedTable.table} md:min-w-[40rem]`}>
            <caption className="sr-only">Exceptions of policy version {version.version}</caption>
            <thead className={stackedTable.head}>
              <tr>
                <th scope="col" className={stackedTable.headCell}>
                  Vulnerability
                </th>
                <th scope="col" className={stackedTable.headCell}>
                  Justification
                </th>
                <th scope="col" className={stackedTable.headCell}>
                  Applies to
                </th>
                <th scope="col" className={stackedTable.headCell}>
                  Expires
                </th>
                <th scope="col" className={stackedTable.headCell}>
                  Added
                </th>
              </tr>
            </thead>
            <tbody className={stackedTable.body}>
              {policy.exceptions.map((exception) => (
                <ExceptionRow key={exception.vulnerabilityId} exception={exception} now={now} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Panel>
  );
}
