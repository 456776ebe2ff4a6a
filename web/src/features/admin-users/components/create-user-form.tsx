import type { AccountRole, CreatedUser } from '@assay/api/contract';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { CopyButton } from '@/components/ui/copy-button';
import { Panel } from '@/components/ui/panel';
import { TextField } from '@/components/ui/text-field';
import { useCreateUser } from '../api/create-user';
import { errorMessage } from './error-message';
import { RoleSelect } from './role-select';

export function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<AccountRole>('reviewer');
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<CreatedUser>();

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { username, displayName, role, ...(password ? { password } : {}) },
      {
        onSuccess: (result) => {
          setCreated(result);
          setUsername('');
          setDisplayName('');
          setPassword('');
        },
      },
    );
  }

  return (
    <Panel title="Create a user">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <TextField
          label="Username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          label="Display name"
          required
          maxLength={80}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="Leave empty to generate one, shown once."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <RoleSelect label="Role" value={role} onChange={setRole} />
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Create user
          </Button>
        </div>
      </form>
      <div className="mt-4 space-y-2" aria-live="polite">
        {create.isError && (
          <Callout tone="bad" title="The user was not created" role="alert">
            <p>{errorMessage(create.error)}</p>
          </Callout>
        )}
        {created && (
          <Callout tone="good" title={`Created ${created.user.username}`} role="status">
            {created.generatedPassword ? (
              <p className="flex flex-wrap items-center gap-2">
                Generated password, shown only now:{' '}
                <code className="font-mono break-all">{created.generatedPassword}</code>
                <CopyButton text={created.generatedPassword} label="Copy password" />
              </p>
            ) : (
              <p>They can sign in with the password you chose.</p>
            )}
          </Callout>
        )}
      </div>
    </Panel>
  );
}
