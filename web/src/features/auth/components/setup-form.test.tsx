import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SetupForm } from './setup-form';

const usedMessage =
  'This setup link has been used: an admin account exists already. Sign in, or ask an admin for an invitation.';

/** Stubs `GET /setup/preview`: 200 with an expiry for the token `fresh`, the server's 404 otherwise. */
function stubSetupPreview() {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://assay.test');
      if (url.pathname !== '/api/v1/setup/preview')
        return json(404, { error: { code: 'not-found', message: url.pathname } });
      return url.searchParams.get('token') === 'fresh'
        ? json(200, { expiresAt: '2099-01-01T00:00:00.000Z' })
        : json(404, { error: { code: 'not-found', message: usedMessage } });
    }),
  );
}

function renderSetup(token: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <SetupForm token={token} onCreated={() => {}} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('SetupForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says at once that a used link cannot be used', async () => {
    stubSetupPreview();
    renderSetup('used');

    expect(await screen.findByText('This setup link cannot be used')).toBeInTheDocument();
    expect(screen.getByText(usedMessage)).toBeInTheDocument();
    expect(screen.queryByLabelText('Username')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign-in' })).toHaveAttribute('href', '/sign-in');
  });

  it('shows the form for a link that can still be used', async () => {
    stubSetupPreview();
    renderSetup('fresh');

    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create admin account' })).toBeInTheDocument();
  });
});
