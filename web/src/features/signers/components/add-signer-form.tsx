import type { CreateSignerBody, Signer, SignerKind } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button, focusRing } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextAreaField, TextField } from '@/components/ui/text-field';
import { useCreateSigner } from '../api/create-signer';
import {
  changeErrorMessage,
  containsPrivateKey,
  endOfDayUtc,
  fieldErrorsOf,
  scopeEntries,
  todayUtc,
} from '../lib/form-errors';

interface Draft {
  kind: SignerKind;
  displayName: string;
  publicKeyPem: string;
  san: string;
  issuer: string;
  scope: string;
  expiresOn: string;
  approve: boolean;
}

const emptyDraft: Draft = {
  kind: 'key',
  displayName: '',
  publicKeyPem: '',
  san: '',
  issuer: '',
  scope: '',
  expiresOn: '',
  approve: false,
};

function bodyOf(draft: Draft): CreateSignerBody {
  const common = {
    displayName: draft.displayName,
    scope: scopeEntries(draft.scope),
    ...(endOfDayUtc(draft.expiresOn) ? { expiresAt: endOfDayUtc(draft.expiresOn) } : {}),
    approve: draft.approve,
  };
  return draft.kind === 'key'
    ? { kind: 'key', publicKeyPem: draft.publicKeyPem, ...common }
    : { kind: 'identity', san: draft.san, issuer: draft.issuer, ...common };
}

const privateKeyMessage =
  'That was a private key, so it was removed from the form and not sent. A private key must stay with its owner: paste the public key instead, which `cosign public-key --key cosign.key` prints.';

/** Adds a signer from a pasted PEM public key or an exact keyless identity; errors show at their fields. */
export function AddSignerForm({ onCreated }: { onCreated: (signer: Signer) => void }) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [privateKeyRemoved, setPrivateKeyRemoved] = useState(false);
  const create = useCreateSigner();
  const errors: Record<string, string> = {
    ...fieldErrorsOf(create.error),
    ...(privateKeyRemoved ? { publicKeyPem: privateKeyMessage } : {}),
  };
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  function submit(event: FormEvent) {
    event.preventDefault();
    // The server rejects private keys too, but catching one here means it is never sent at all.
    if (draft.kind === 'key' && containsPrivateKey(draft.publicKeyPem)) {
      set({ publicKeyPem: '' });
      setPrivateKeyRemoved(true);
      create.reset();
      return;
    }
    setPrivateKeyRemoved(false);
    create.mutate(bodyOf(draft), {
      onSuccess: (signer) => {
        setDraft(emptyDraft);
        onCreated(signer);
      },
    });
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Add a signer">
      <fieldset>
        <legend className="mb-2 text-sm font-medium">What to add</legend>
        <div className="flex flex-wrap gap-4">
          {(
            [
              ['key', 'Public key (PEM)'],
              ['identity', 'Keyless identity (SAN and issuer)'],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="signer-kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => set({ kind })}
                className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>

      <TextField
        label="Display name"
        value={draft.displayName}
        onChange={(event) => set({ displayName: event.target.value })}
        error={errors.displayName}
        required
        maxLength={200}
      />
      {draft.kind === 'key' ? (
        <TextAreaField
          label="Public key"
          hint="Paste the contents of cosign.pub: one -----BEGIN PUBLIC KEY----- block of an ECDSA, Ed25519 or RSA key. Never paste the private key, cosign.key."
          value={draft.publicKeyPem}
          onChange={(event) => {
            set({ publicKeyPem: event.target.value });
            setPrivateKeyRemoved(false);
          }}
          error={errors.publicKeyPem}
          rows={5}
          textareaClassName="font-mono"
          spellCheck={false}
          required
        />
      ) : (
        <>
          <TextField
            label="Subject alternative name (SAN)"
            hint="Matched exactly, for example an email address or a workflow URI. Patterns are not supported, so * and ? are rejected."
            value={draft.san}
            onChange={(event) => set({ san: event.target.value })}
            error={errors.san}
            spellCheck={false}
            required
          />
          <TextField
            label="OIDC issuer"
            hint="The https URL of the OIDC provider, matched exactly, such as https://token.actions.githubusercontent.com or https://accounts.google.com."
            value={draft.issuer}
            onChange={(event) => set({ issuer: event.target.value })}
            error={errors.issuer}
            spellCheck={false}
            required
          />
        </>
      )}
      <TextAreaField
        label="Scope (optional)"
        hint="Repository prefixes this signer is approved for, one a line, such as docker.io/polusai. Empty means every repository."
        value={draft.scope}
        onChange={(event) => set({ scope: event.target.value })}
        error={errors.scope}
        rows={2}
        spellCheck={false}
      />
      <TextField
        label="Approval expires on (optional)"
        hint="The approval ends at the end of this day, UTC, so the day must not have passed."
        type="date"
        min={todayUtc()}
        value={draft.expiresOn}
        onChange={(event) => set({ expiresOn: event.target.value })}
        error={errors.expiresAt}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={draft.approve}
          onChange={(event) => set({ approve: event.target.checked })}
          className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
        />
        Approve now (otherwise the signer stays pending)
      </label>

      {create.isError && !hasFieldErrors && (
        <Callout tone="bad" title="The signer was not added" role="alert">
          <p>{changeErrorMessage(create.error)}</p>
        </Callout>
      )}
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add signer'}
      </Button>
    </form>
  );
}
