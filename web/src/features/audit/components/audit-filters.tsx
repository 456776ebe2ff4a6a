import type { AuditFilter } from '@assay/api/contract';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { inputClasses, TextField } from '@/components/ui/text-field';
import { useAuditFacets } from '../api/get-audit-facets';
import { fromLocalInput, toLocalInput } from '../lib/audit-search';

function SelectField({
  label,
  value,
  options,
  anyLabel,
  onChange,
}: {
  label: string;
  value: string;
  options: string[];
  anyLabel: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  // A value from the address bar that the log does not list yet stays selectable.
  const listed = value !== '' && !options.includes(value) ? [value, ...options] : options;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={`mt-1 ${inputClasses}`}
      >
        <option value="">{anyLabel}</option>
        {listed.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

interface Draft {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

function draftOf(filter: AuditFilter): Draft {
  return {
    actor: filter.actor ?? '',
    action: filter.action?.[0] ?? '',
    targetType: filter.targetType ?? '',
    targetId: filter.targetId ?? '',
    from: toLocalInput(filter.from),
    to: toLocalInput(filter.to),
  };
}

function filterOf(draft: Draft): AuditFilter {
  const filter: AuditFilter = {};
  if (draft.actor) filter.actor = draft.actor;
  if (draft.action) filter.action = [draft.action];
  if (draft.targetType) filter.targetType = draft.targetType;
  if (draft.targetId.trim()) filter.targetId = draft.targetId.trim();
  const from = fromLocalInput(draft.from);
  const to = fromLocalInput(draft.to);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** Filters of the audit log, applied together when the form is submitted. */
export function AuditFilters({
  filter,
  onApply,
}: {
  filter: AuditFilter;
  onApply: (filter: AuditFilter) => void;
}) {
  const facets = useAuditFacets();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));

  function change(next: Partial<Draft>) {
    setDraft((previous) => ({ ...previous, ...next }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(filterOf(draft));
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
    >
      <SelectField
        label="Actor"
        value={draft.actor}
        options={facets.data?.actors ?? []}
        anyLabel="Anyone"
        onChange={(actor) => change({ actor })}
      />
      <SelectField
        label="Action"
        value={draft.action}
        options={facets.data?.actions ?? []}
        anyLabel="Any action"
        onChange={(action) => change({ action })}
      />
      <SelectField
        label="Target type"
        value={draft.targetType}
        options={facets.data?.targetTypes ?? []}
        anyLabel="Any target"
        onChange={(targetType) => change({ targetType })}
      />
      <TextField
        label="Target id"
        value={draft.targetId}
        onChange={(event) => change({ targetId: event.target.value })}
        spellCheck={false}
        autoComplete="off"
      />
      <TextField
        label="From"
        hint="Your local time."
        type="datetime-local"
        value={draft.from}
        onChange={(event) => change({ from: event.target.value })}
      />
      <TextField
        label="Until"
        hint="Events before this time."
        type="datetime-local"
        value={draft.to}
        onChange={(event) => change({ to: event.target.value })}
      />
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button
          onClick={() => {
            setDraft(draftOf({}));
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
