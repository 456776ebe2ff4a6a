import type { SignerHistoryEntry } from '@assay/api/contract';
import { formatTime } from '@/lib/format';

const actionLabels: Record<SignerHistoryEntry['action'], string> = {
  created: 'Added',
  discovered: 'Found on an image',
  approved: 'Approved',
  revoked: 'Revoked',
  updated: 'Changed',
};

const fieldLabels: Record<string, string> = {
  displayName: 'name',
  status: 'status',
  scope: 'scope',
  expiresAt: 'expiry',
  statusReason: 'reason',
};

// Fields that every creation lists, or that the entry's own reason already shows.
const hiddenFields = new Set(['kind', 'signerRef', 'firstSeenOn', 'statusReason']);

function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return value.length === 0 ? 'every repository' : value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Lists every change of the signer, oldest first, from the audit log. */
export function SignerHistory({ history }: { history: SignerHistoryEntry[] }) {
  if (history.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No changes recorded.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-300 pl-4 dark:border-slate-700">
      {history.map((entry, index) => {
        const time = formatTime(entry.at);
        const who = entry.bySystem ? 'Assay' : (entry.actor ?? 'an administrator');
        const changes = entry.action === 'created' || entry.action === 'discovered' ? [] : entry.changes;
        return (
          <li key={`${entry.at}-${index}`} className="text-sm">
            <p>
              <span className="font-medium">{actionLabels[entry.action]}</span> by {who}
              {time && (
                <>
                  {' · '}
                  <time dateTime={time.iso} title={time.relative}>
                    {time.absolute}
                  </time>
                </>
              )}
            </p>
            {entry.reason && (
              <p className="text-slate-700 dark:text-slate-300">
                Reason: <bdi>{entry.reason}</bdi>
              </p>
            )}
            {changes
              .filter((change) => !hiddenFields.has(change.field))
              .map((change) => (
                <p key={change.field} className="text-xs text-slate-600 dark:text-slate-400">
                  {fieldLabels[change.field] ?? change.field}: <bdi>{valueText(change.from)}</bdi> →{' '}
                  <bdi>{valueText(change.to)}</bdi>
                </p>
              ))}
          </li>
        );
      })}
    </ol>
  );
}
