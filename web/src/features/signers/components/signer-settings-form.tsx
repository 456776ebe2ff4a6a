import type { Signer, UpdateSignerBody } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { useUpdateSigner } from '../api/update-signer';
import { changeErrorMessage, endOfDayUtc, fieldErrorsOf, scopeEntries, todayUtc } from '../lib/form-errors';

/**
 * Edits a signer's display name, repository scope and expiry. The expiry is sent only when it changed,
 * because the server takes only a future expiry and the stored one may have passed.
 */
export function SignerSettingsForm({ signer }: { signer: Signer }) {
  const storedExpiresOn = signer.expiresAt?.slice(0, 10) ?? '';
  const [displayName, setDisplayName] = useState(signer.displayName);
  const [scope, setScope] = useState(signer.scope.join('\n'));
  const [expiresOn, setExpiresOn] = useState(storedExpiresOn);
  const [saved, setSaved] = useState(false);
  // Set when a save would widen an approved signer to every repository, until the admin confirms it.
  const [confirmingWiden, setConfirmingWiden] = useState(false);
  const update = useUpdateSigner(signer.id);
  const errors = fieldErrorsOf(update.error);
  const widensToEverything =
    signer.status === 'approved' && signer.scope.length > 0 && scopeEntries(scope).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (widensToEverything && !confirmingWiden) {
      setConfirmingWiden(true);
      return;
    }
    setConfirmingWiden(false);
    const body: UpdateSignerBody = {
      displayName,
      scope: scopeEntries(scope),
      ...(expiresOn !== storedExpiresOn ? { expiresAt: endOfDayUtc(expiresOn) ?? null } : {}),
    };
    setSaved(false);
    update.mutate(body, { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Signer settings">
      <TextField
        label="Display name"
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        error={errors.displayName}
        maxLength={200}
      />
      <TextAreaField
        label="Scope"
        hint="Repository prefixes, one a line, such as docker.io/polusai. Empty means every repository."
        value={scope}
        onChange={(event) => setScope(event.target.value)}
        error={errors.scope}
        rows={3}
        spellCheck={false}
      />
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label="Approval expires on"
          hint="Empty means the approval does not expire. It ends at the end of the day, UTC, so a new date must not have passed."
          type="date"
          min={todayUtc()}
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.target.value)}
          error={errors.expiresAt}
        />
        {expiresOn !== '' && (
          <button
            type="button"
            onClick={() => setExpiresOn('')}
            className={`mb-6 rounded px-2 py-1 text-sm text-blue-700 underline dark:text-sky-300 ${focusRing}`}
          >
            Remove expiry
          </button>
        )}
      </div>
      {update.isError && Object.keys(errors).length === 0 && (
        <Callout tone="bad" title="The changes were not saved" role="alert">
          <p>{changeErrorMessage(update.error)}</p>
        </Callout>
      )}
      {confirmingWiden && widensToEverything && (
        <Callout tone="warning" title="This approval will cover every repository">
          <p>
            With an empty scope, {signer.displayName} counts as an approved signer for every image in every
            configured registry, not only for {signer.scope.join(', ')}. Save again to confirm.
          </p>
        </Callout>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending
            ? 'Saving…'
            : confirmingWiden && widensToEverything
              ? 'Approve for every repository'
              : 'Save changes'}
        </Button>
        <span role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {saved && !update.isPending ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
