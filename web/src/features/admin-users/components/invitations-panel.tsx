import type { AccountRole } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { CopyButton } from '@/components/ui/copy-button';
import { MutedText, Panel } from '@/components/ui/panel';
import { TextField } from '@/components/ui/text-field';
import { formatTime } from '@/lib/format';
import { useCreateInvitation } from '../api/create-invitation';
import { useInvitations } from '../api/get-invitations';
import { useRevokeInvitation } from '../api/revoke-invitation';
import { errorMessage } from './error-message';
import { RoleSelect } from './role-select';

const statusTone = { open: 'info', accepted: 'good', expired: 'neutral' } as const;

/** Invites people with a one-time link; `joinUrl` turns a token into the link the invitee opens. */
export function InvitationsPanel({ joinUrl }: { joinUrl: (token: string) => string }) {
  const invitations = useInvitations();
  const create = useCreateInvitation();
  const revoke = useRevokeInvitation();
  const [role, setRole] = useState<AccountRole>('reviewer');
  const [note, setNote] = useState('');
  const [link, setLink] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { role, note, expiresInDays: 7 },
      {
        onSuccess: (result) => {
          setLink(joinUrl(result.token));
          setNote('');
        },
      },
    );
  }

  return (
    <Panel title="Invitations">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <RoleSelect label="Role" value={role} onChange={setRole} />
        <TextField
          label="Note (who it is for)"
          maxLength={200}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className="min-w-48 flex-1"
        />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create invitation link
        </Button>
      </form>
      <div className="mt-3 space-y-2" aria-live="polite">
        {(create.isError || revoke.isError) && (
          <Callout tone="bad" title="The invitation change failed" role="alert">
            <p>{errorMessage(create.error ?? revoke.error)}</p>
          </Callout>
        )}
        {link && (
          <Callout
            tone="good"
            title="Invitation link, shown only now (valid 7 days, usable once)"
            role="status"
          >
            <p className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-xs break-all">{link}</code>
              <CopyButton text={link} label="Copy invitation link" />
            </p>
          </Callout>
        )}
      </div>
      <ul className="mt-4 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {invitations.data?.items.length === 0 && <MutedText>No invitations yet.</MutedText>}
        {invitations.data?.items.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <Badge tone={statusTone[invitation.status]}>{invitation.status}</Badge>{' '}
              <strong>{invitation.role}</strong> {invitation.note && `· ${invitation.note}`}
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                by {invitation.createdBy ?? 'unknown'} · expires {formatTime(invitation.expiresAt)?.absolute}
              </span>
            </span>
            {invitation.status === 'open' && (
              <Button size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate(invitation.id)}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
