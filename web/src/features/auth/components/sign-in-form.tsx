import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Callout } from '@/components/ui/callout';
import { TextField } from '@/components/ui/text-field';
import { useSignIn } from '../api/sign-in';
import { formErrorMessage } from './field-errors';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: onSignedIn });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {signIn.isError && (
        <Callout tone="bad" title="Sign-in failed" role="alert">
          <p>{formErrorMessage(signIn.error)}</p>
        </Callout>
      )}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        required
        value={username}
        onChange={(event) => setUsername(event.target.value)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" variant="primary" disabled={signIn.isPending || !username || !password}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
