import type { Signer } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField } from '@/components/ui/text-field';
import { useRevokeSigner } from '../api/revoke-signer';
import { changeErrorMessage, fieldErrorsOf } from '../lib/form-errors';
import { ApproveForm } from './approve-form';

function RevokeForm({ signer }: { signer: Signer }) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const revoke = useRevokeSigner(signer.id);
  const serverError = fieldErrorsOf(revoke.error).reason;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    revoke.mutate({ reason }, { onSuccess: () => setReason('') });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Revoke this signer">
      <TextAreaField
        label="Reason for revoking"
        hint="Required. Shown next to every signature this signer made."
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={missing ? 'Enter a reason: say why this signer must no longer be trusted.' : serverError}
        rows={2}
        maxLength={1000}
        required
      />
      {revoke.isError && !serverError && (
        <Callout tone="bad" title="The signer was not revoked" role="alert">
          <p>{changeErrorMessage(revoke.error)}</p>
        </Callout>
      )}
      <Button type="submit" disabled={revoke.isPending} className="text-red-800 dark:text-red-300">
        {revoke.isPending ? 'Revoking…' : 'Revoke signer'}
      </Button>
    </form>
  );
}

/** Approve and revoke controls for administrators; revoking takes effect on every signature at once. */
export function SignerActions({ signer }: { signer: Signer }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {signer.status !== 'approved' && <ApproveForm signer={signer} />}
      {signer.status !== 'revoked' && <RevokeForm signer={signer} />}
    </div>
  );
}
