import { minPasswordLength } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextField } from '@/components/ui/text-field';
import { useCreateAccount, type AccountSource } from '../api/create-account';
import { fieldErrors, formErrorMessage } from './field-errors';

/** Username, display name and password for a new account: open sign-up, an invitation, or the first admin. */
export function AccountForm({
  source,
  submitLabel,
  onCreated,
}: {
  source: AccountSource;
  submitLabel: string;
  onCreated: () => void;
}) {
  const create = useCreateAccount(source, onCreated);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const errors = fieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ username, displayName, password });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError && (
        <Callout tone="bad" title="The account was not created" role="alert">
          <p>{formErrorMessage(create.error)}</p>
        </Callout>
      )}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        hint="3-40 letters, digits, dots, hyphens or underscores; you sign in with it."
        required
        value={username}
        error={errors.username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        hint="Shown next to your reviews."
        required
        maxLength={80}
        value={displayName}
        error={errors.displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters.`}
        required
        value={password}
        error={errors.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : submitLabel}
      </Button>
    </form>
  );
}
