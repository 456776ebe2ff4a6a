import type { SignerKind, SignerListPage, SignerListQuery, SignerStatus } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/text-field';
import { signerStatusLabels } from './signer-status-badge';

const statuses: SignerStatus[] = ['pending', 'approved', 'revoked'];
const kindLabels: Record<SignerKind, string> = { key: 'Public keys', identity: 'Keyless identities' };

export interface SignerFiltersProps {
  query: SignerListQuery;
  statusCounts: SignerListPage['statusCounts'] | undefined;
  onChange: (change: Partial<SignerListQuery>) => void;
}

/** Status checkboxes with counts, a kind choice and a text search over names, fingerprints and identities. */
export function SignerFilters({ query, statusCounts, onChange }: SignerFiltersProps) {
  const [text, setText] = useState(query.q ?? '');
  const selected = query.status ?? [];

  function toggle(status: SignerStatus) {
    const next = selected.includes(status)
      ? selected.filter((value) => value !== status)
      : [...selected, status];
    onChange({ status: next.length > 0 ? next : undefined });
  }

  function search(event: FormEvent) {
    event.preventDefault();
    onChange({ q: text.trim() || undefined });
  }

  return (
    <div className="space-y-5">
      <form role="search" onSubmit={search} className="flex gap-2">
        <label className="sr-only" htmlFor="signer-search">
          Search signers
        </label>
        <input
          id="signer-search"
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Name, fingerprint, SAN or issuer"
          className={inputClasses}
        />
        <Button type="submit">Search</Button>
      </form>

      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Status</legend>
        <ul className="space-y-1">
          {statuses.map((status) => (
            <li key={status}>
              <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                <input
                  type="checkbox"
                  checked={selected.includes(status)}
                  onChange={() => toggle(status)}
                  className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
                />
                <span className="flex-1">{signerStatusLabels[status]}</span>
                {statusCounts && (
                  <span className="text-slate-600 tabular-nums dark:text-slate-400">
                    <span className="sr-only">, </span>
                    {statusCounts[status]}
                    <span className="sr-only"> signers</span>
                  </span>
                )}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <div>
        <label htmlFor="signer-kind" className="mb-2 block text-sm font-semibold">
          Kind
        </label>
        <select
          id="signer-kind"
          value={query.kind?.[0] ?? ''}
          onChange={(event) =>
            onChange({ kind: event.target.value === '' ? undefined : [event.target.value as SignerKind] })
          }
          className={inputClasses}
        >
          <option value="">All kinds</option>
          {(Object.keys(kindLabels) as SignerKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
