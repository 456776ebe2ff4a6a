import type { Signer } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField } from '@/components/ui/text-field';
import { useApproveSigner } from '../api/approve-signer';
import { useSigner } from '../api/get-signer';
import { approveButtonLabel, suggestedScope } from '../lib/approval-scope';
import { changeErrorMessage, fieldErrorsOf, scopeEntries } from '../lib/form-errors';

/** Entries the coverage list shows before it sums up the rest. */
const shownEntries = 8;

function Coverage({ entries }: { entries: string[] }) {
  if (entries.length === 0) {
    return (
      <Callout tone="warning" title="This approval will cover every repository">
        <p>
          Valid signatures of this signer will count for images in every registry Assay reads. Enter
          repository prefixes above to limit it.
        </p>
      </Callout>
    );
  }
  return (
    <Callout tone="info" title="This approval will cover">
      <ul className="list-disc pl-5">
        {entries.slice(0, shownEntries).map((entry) => (
          <li key={entry}>
            <span className="font-mono break-all">{entry}</span> and the repositories under it
          </li>
        ))}
        {entries.length > shownEntries && <li>and {entries.length - shownEntries} more prefixes</li>}
      </ul>
    </Callout>
  );
}

/**
 * Approves a signer in two steps. The first button opens a confirmation that shows the repositories the
 * approval will cover and lets the admin change them. The approval and that scope are sent together.
 */
export function ApproveForm({ signer }: { signer: Signer }) {
  const [confirming, setConfirming] = useState(false);
  const [scope, setScope] = useState(signer.scope.join('\n'));
  const [reason, setReason] = useState('');
  const approve = useApproveSigner(signer.id);
  const detail = useSigner(signer.id);
  const errors = fieldErrorsOf(approve.error);
  const entries = scopeEntries(scope);
  const suggestions = suggestedScope(detail.data?.images ?? []);

  function cancel() {
    setConfirming(false);
    setScope(signer.scope.join('\n'));
    approve.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    approve.mutate({ scope: entries, ...(reason.trim() === '' ? {} : { reason }) });
  }

  if (!confirming) {
    return (
      <div className="space-y-3">
        <p className="text-sm">
          Approving makes this signer’s valid signatures count. You choose the repositories it covers before
          anything changes.
        </p>
        {signer.expired && (
          <Callout tone="warning" title="The approval expiry has passed">
            <p>
              An approval would not count. Set a later date or remove the expiry under Scope and expiry first.
            </p>
          </Callout>
        )}
        <Button variant="primary" onClick={() => setConfirming(true)}>
          {signer.status === 'revoked' ? 'Approve again…' : 'Approve signer…'}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Confirm the approval">
      <TextAreaField
        label="Scope of the approval"
        hint="Repository prefixes, one a line, such as docker.io/polusai. Empty covers every repository."
        value={scope}
        onChange={(event) => setScope(event.target.value)}
        error={errors.scope}
        rows={3}
        spellCheck={false}
      />
      {suggestions.length > 0 && (
        <button
          type="button"
          onClick={() => setScope(suggestions.join('\n'))}
          className={`rounded text-left text-sm text-blue-700 underline dark:text-sky-300 ${focusRing}`}
        >
          {suggestions.length === 1
            ? `Limit it to ${suggestions[0]}, where its signed images are`
            : `Limit it to the ${suggestions.length} prefixes of its signed images`}
        </button>
      )}
      <Coverage entries={entries} />
      <TextAreaField
        label="Note for the audit log (optional)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
        rows={2}
        maxLength={1000}
      />
      {approve.isError && !errors.reason && !errors.scope && (
        <Callout tone="bad" title="The signer was not approved" role="alert">
          <p>{changeErrorMessage(approve.error)}</p>
        </Callout>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={approve.isPending}>
          {approve.isPending ? 'Approving…' : approveButtonLabel(entries)}
        </Button>
        <Button onClick={cancel} disabled={approve.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
