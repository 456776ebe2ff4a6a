import { severities, type Severity, type SignerRule, type TrustPolicyVersion } from '@assay/api/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { Panel } from '@/components/ui/panel';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { severityLabels } from '@/components/severity-badge';
import { isApiError } from '@/lib/api-client';
import { invalidInputText } from '@/lib/field-errors';
import { policyKeys } from '../api/policy-keys';
import { useUpdatePolicy } from '../api/update-policy';
import {
  draftOf,
  emptyException,
  errorsFromApi,
  policyFieldLabels,
  validateDraft,
  type DraftErrors,
  type ExceptionDraft,
  type PolicyDraft,
} from '../lib/policy-draft';
import { ExceptionFields } from './exception-fields';
import { signerRuleLabels } from './policy-summary';

const ruleOrder: SignerRule[] = ['approved-in-scope', 'approved'];
// Most severe first, as people read a severity scale.
const severityOrder: Severity[] = [...severities].reverse();

export interface PolicyEditorProps {
  current: TrustPolicyVersion;
  onSaved: (saved: TrustPolicyVersion) => void;
  onCancel: () => void;
}

function failureMessage(error: unknown): { title: string; detail: string; conflict: boolean } | undefined {
  if (!error) return undefined;
  const failure = isApiError(error) ? error.failure : undefined;
  const conflict = failure?.kind === 'api' && failure.code === 'conflict';
  const invalid = failure?.kind === 'api' && failure.code === 'invalid-input';
  let detail = error instanceof Error ? error.message : String(error);
  if (invalid) detail = invalidInputText(failure, policyFieldLabels);
  return {
    title: conflict ? 'Someone else changed the policy' : 'The policy was not saved',
    detail,
    conflict,
  };
}

/** Edits the policy in force and saves it as a new version, with errors shown next to their fields. */
export function PolicyEditor({ current, onSaved, onCancel }: PolicyEditorProps) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(current.policy));
  const [localErrors, setLocalErrors] = useState<DraftErrors>({});
  const update = useUpdatePolicy();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const now = new Date();
  const errors = { ...errorsFromApi(update.error), ...localErrors };
  const failure = failureMessage(update.error);

  function change(next: Partial<PolicyDraft>) {
    setDraft((previous) => ({ ...previous, ...next }));
  }

  function changeException(key: string, next: Partial<ExceptionDraft>) {
    setDraft((previous) => ({
      ...previous,
      exceptions: previous.exceptions.map((item) => (item.key === key ? { ...item, ...next } : item)),
    }));
  }

  function toggleSeverity(severity: Severity) {
    change({
      failSeverities: draft.failSeverities.includes(severity)
        ? draft.failSeverities.filter((item) => item !== severity)
        : [...draft.failSeverities, severity],
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateDraft(draft, current.policy, current.version);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      // Moves the keyboard to the first field that needs a change once its message is rendered.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setLocalErrors({});
    update.mutate(result.body, { onSuccess: onSaved });
  }

  return (
    <Panel title="Edit the policy">
      <form ref={form} onSubmit={submit} noValidate className="space-y-6" aria-label="Edit the trust policy">
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">Signatures that count</legend>
          <div className="space-y-1">
            {ruleOrder.map((rule) => (
              <label key={rule} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="signerRule"
                  value={rule}
                  checked={draft.signerRule === rule}
                  onChange={() => change({ signerRule: rule })}
                  className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
                />
                {signerRuleLabels[rule]}
              </label>
            ))}
          </div>
        </fieldset>

        <TextField
          className="max-w-xs"
          label="Maximum scan age (days)"
          hint="Scans older than this make the verdict a warning. 1 to 365."
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          value={draft.maxScanAgeDays}
          onChange={(event) => change({ maxScanAgeDays: event.target.value })}
          error={errors['policy.maxScanAgeDays']}
        />

        <fieldset aria-describedby={errors['policy.failSeverities'] ? 'fail-severities-error' : undefined}>
          <legend className="mb-2 text-sm font-semibold">Severities that fail the policy</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {severityOrder.map((severity) => (
              <label key={severity} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={draft.failSeverities.includes(severity)}
                  onChange={() => toggleSeverity(severity)}
                  className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
                />
                {severityLabels[severity]}
              </label>
            ))}
          </div>
          {errors['policy.failSeverities'] && (
            <p id="fail-severities-error" className="mt-1 text-xs text-red-700 dark:text-red-400">
              {errors['policy.failSeverities']}
            </p>
          )}
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={draft.fixableOnly}
              onChange={(event) => change({ fixableOnly: event.target.checked })}
              className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
            />
            Count only findings that have a fix
          </label>
        </fieldset>

        <section aria-labelledby="policy-exceptions-heading" className="space-y-3">
          <h3 id="policy-exceptions-heading" className="text-sm font-semibold">
            Exceptions ({draft.exceptions.length})
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            An exception accepts the findings of one vulnerability until it expires. Verdicts list every
            exception they use, so nothing is hidden.
          </p>
          {draft.exceptions.map((exception, index) => (
            <ExceptionFields
              key={exception.key}
              exception={exception}
              index={index}
              errors={errors}
              now={now}
              onChange={(next) => changeException(exception.key, next)}
              onRemove={() =>
                change({ exceptions: draft.exceptions.filter((item) => item.key !== exception.key) })
              }
            />
          ))}
          <Button size="sm" onClick={() => change({ exceptions: [...draft.exceptions, emptyException()] })}>
            Add an exception
          </Button>
        </section>

        <TextAreaField
          label="Reason for this change"
          hint="Recorded with the new version and in the audit log."
          value={draft.reason}
          onChange={(event) => change({ reason: event.target.value })}
          error={errors.reason}
          rows={2}
          required
        />

        {Object.keys(localErrors).length > 0 && (
          <Callout tone="bad" title="Some fields need attention" role="alert">
            <p>Correct the fields marked below each one, then save again.</p>
          </Callout>
        )}
        {failure && Object.keys(localErrors).length === 0 && (
          <Callout tone={failure.conflict ? 'warning' : 'bad'} title={failure.title} role="alert">
            <p>{failure.detail}</p>
            {failure.conflict && (
              <Button
                size="sm"
                onClick={() =>
                  void queryClient.invalidateQueries({ queryKey: policyKeys.all }).then(onCancel)
                }
              >
                Discard my changes and load the new version
              </Button>
            )}
          </Callout>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : `Save as version ${current.version + 1}`}
          </Button>
          <Button onClick={onCancel} disabled={update.isPending}>
            Cancel
          </Button>
        </div>
      </form>
    </Panel>
  );
}
