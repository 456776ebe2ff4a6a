import type { User } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsersTable } from './users-table';

const viewer = { id: 'u1', username: 'ada', displayName: 'Ada Admin', role: 'admin' as const };

function user(overrides: Partial<User>): User {
  return {
    id: 'u1',
    username: 'ada',
    displayName: 'Ada Admin',
    role: 'admin',
    signInMethod: 'password',
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSignInAt: null,
    ...overrides,
  };
}

function stubUsers(items: User[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), 'http://assay.test').pathname;
      if (path === '/api/v1/users') return new Response(JSON.stringify({ items }), { status: 200 });
      return new Response(null, { status: 404 });
    }),
  );
}

function renderTable() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <UsersTable viewer={viewer} />
    </QueryClientProvider>,
  );
}

describe('UsersTable', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows last sign-in or never', async () => {
    const signedInAt = new Date(Date.now() - 5 * 60_000).toISOString();
    stubUsers([
      user({ lastSignInAt: signedInAt }),
      user({ id: 'u2', username: 'rita', displayName: 'Rita Reviewer', role: 'reviewer' }),
    ]);
    renderTable();

    const signedIn = (await screen.findByText('Ada Admin')).closest('tr')!;
    const neverSignedIn = screen.getByText('Rita Reviewer').closest('tr')!;
    const times = signedIn.querySelectorAll('time');

    expect(times.length).toBeGreaterThan(0);
    expect(times[0]).toHaveAttribute('datetime', signedInAt);
    expect(within(signedIn).getAllByText('5 minutes ago').length).toBeGreaterThan(0);
    expect(within(signedIn).queryByText(/never/)).not.toBeInTheDocument();
    expect(within(neverSignedIn).getAllByText(/never/).length).toBeGreaterThan(0);
  });
});
