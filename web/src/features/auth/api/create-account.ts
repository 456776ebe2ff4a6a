import { signedInSchema, type SignedIn } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { afterViewerChange } from './sign-in';

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
}

/** The three ways to create an account and sign in: open sign-up, an invitation, or the first-admin setup. */
export type AccountSource =
  { kind: 'sign-up' } | { kind: 'invitation'; token: string } | { kind: 'setup'; token: string };

const endpoints: Record<AccountSource['kind'], string> = {
  'sign-up': '/sign-up',
  invitation: '/invitations/accept',
  setup: '/setup',
};

export function createAccount(
  client: ApiClient,
  source: AccountSource,
  account: NewAccount,
): Promise<SignedIn> {
  const body = source.kind === 'sign-up' ? account : { ...account, token: source.token };
  return client.sendJson('POST', endpoints[source.kind], { body, schema: signedInSchema });
}

/**
 * Creates the account, calls `onCreated` (typically a navigation away from the form), then resets the
 * cached queries for the new viewer. `onCreated` runs first because the reset refetches the page's own
 * queries. On /join the preview of the invitation just used then returns 404 and replaces the form, and
 * a callback passed to `mutate` does not run once its component is gone.
 */
export function useCreateAccount(source: AccountSource, onCreated: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => createAccount(apiClient, source, account),
    onSuccess: async (result) => {
      onCreated();
      await afterViewerChange(apiClient, queryClient, result.csrfToken);
    },
  });
}
