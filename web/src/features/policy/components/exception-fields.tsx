import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { endOfDayUtc, type DraftErrors, type ExceptionDraft } from '../lib/policy-draft';

export interface ExceptionFieldsProps {
  exception: ExceptionDraft;
  index: number;
  errors: DraftErrors;
  now: Date;
  onChange: (change: Partial<ExceptionDraft>) => void;
  onRemove: () => void;
}

/** Renders the fields of one exception in the policy editor, with its validation messages in place. */
export function ExceptionFields({ exception, index, errors, now, onChange, onRemove }: ExceptionFieldsProps) {
  const path = `policy.exceptions.${index}`;
  const expired = Date.parse(exception.expiresAt) <= now.getTime();
  const name = exception.vulnerabilityId.trim() || `exception ${index + 1}`;
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="flex items-center gap-2 px-1 text-sm font-semibold">
        {name}
        {expired && <Badge tone="bad">Expired</Badge>}
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Vulnerability id"
          hint="A CVE id or a GitHub advisory id (GHSA-…)."
          value={exception.vulnerabilityId}
          onChange={(event) => onChange({ vulnerabilityId: event.target.value })}
          error={errors[`${path}.vulnerabilityId`]}
          spellCheck={false}
          autoComplete="off"
        />
        <TextField
          label="Expires on"
          hint="The exception ends at the end of this day, UTC."
          type="date"
          value={exception.expiresAt.slice(0, 10)}
          onChange={(event) =>
            event.target.value !== '' && onChange({ expiresAt: endOfDayUtc(event.target.value) })
          }
          error={errors[`${path}.expiresAt`]}
        />
        <TextAreaField
          className="sm:col-span-2"
          label="Justification"
          hint="Why the finding is acceptable; shown with every verdict it changes."
          value={exception.justification}
          onChange={(event) => onChange({ justification: event.target.value })}
          error={errors[`${path}.justification`]}
          rows={2}
        />
        <TextAreaField
          className="sm:col-span-2"
          label="Repositories"
          hint="Repository prefixes, one a line, such as docker.io/polusai. Empty applies it to every image."
          value={exception.repositories}
          onChange={(event) => onChange({ repositories: event.target.value })}
          error={
            errors[`${path}.repositories`] ??
            Object.entries(errors).find(([key]) => key.startsWith(`${path}.repositories.`))?.[1]
          }
          rows={2}
          spellCheck={false}
        />
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {exception.addedAt
            ? `Added by ${exception.addedBy ?? 'Assay'} on ${exception.addedAt.slice(0, 10)}.`
            : 'New exception.'}
          {expired && ' It has expired and no longer applies; extend it or remove it.'}
        </p>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove the exception for ${name}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
