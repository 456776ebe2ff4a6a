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

export function useCreateAccount(source: AccountSource) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => createAccount(apiClient, source, account),
    onSuccess: (result) => afterViewerChange(apiClient, queryClient, result.csrfToken),
  });
}
