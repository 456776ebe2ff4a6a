import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JoinRoute } from './create-account';

const user = { id: 'u2', username: 'rita', displayName: 'Rita Reviewer', role: 'reviewer' as const };

/** Stubs the invitation API. The preview returns 404 once the invitation is accepted, as the server does. */
function stubInvitationApi() {
  let accepted = false;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      // A real network round trip lets React render between responses, which the failure needs.
      await new Promise((resolve) => setTimeout(resolve, 10));
      const path = new URL(String(input), 'http://assay.test').pathname;
      if (path === '/api/v1/session') {
        return json(200, {
          user: accepted ? user : null,
          csrfToken: 'csrf',
          signUp: 'invite-only',
          oidc: { enabled: false, label: '' },
          setupRequired: false,
        });
      }
      if (path === '/api/v1/invitations/preview') {
        return accepted
          ? json(404, {
              error: { code: 'not-found', message: 'The invitation is used, revoked or expired.' },
            })
          : json(200, { role: 'reviewer', expiresAt: '2099-01-01T00:00:00Z' });
      }
      if (path === '/api/v1/invitations/accept' && init?.method === 'POST') {
        accepted = true;
        return json(201, { user, csrfToken: 'csrf-2' });
      }
      return json(404, { error: { code: 'not-found', message: `No fake for ${path}` } });
    }),
  );
}

describe('JoinRoute', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens the catalog after accepting', async () => {
    stubInvitationApi();
    const router = createMemoryRouter(
      [
        { path: '/join', element: <JoinRoute /> },
        { path: '/', element: <p>Catalog page</p> },
      ],
      { initialEntries: ['/join?token=abc'] },
    );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    const input = userEvent.setup();

    await input.type(await screen.findByLabelText('Username'), 'rita');
    await input.type(screen.getByLabelText('Display name'), 'Rita Reviewer');
    await input.type(screen.getByLabelText('Password'), 'correct-horse-battery');
    await input.click(screen.getByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByText('Catalog page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.queryByText('This invitation cannot be used')).not.toBeInTheDocument();
  });
});
