import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThemeProvider } from '@/features/theme/components/theme-provider';
import { SiteHeader } from './site-header';

const admin = { id: 'u1', username: 'ada', displayName: 'Ada Admin', role: 'admin' };

function renderHeader() {
  // jsdom has no matchMedia, which the theme toggle reads for the system preference.
  vi.stubGlobal(
    'matchMedia',
    vi.fn(() => ({ matches: false, addEventListener: () => {}, removeEventListener: () => {} })),
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            user: admin,
            csrfToken: 'csrf',
            signUp: 'invite-only',
            oidc: { enabled: false, label: '' },
            setupRequired: false,
          }),
          { status: 200 },
        ),
    ),
  );
  const router = createMemoryRouter([{ path: '*', element: <SiteHeader /> }], {
    initialEntries: ['/admin/users'],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <ThemeProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ThemeProvider>,
  );
  return router;
}

/** Returns the menu panel that the Menu button controls. */
function menuPanel(button: HTMLElement): HTMLElement {
  return document.getElementById(button.getAttribute('aria-controls')!)!;
}

describe('SiteHeader menu', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens and closes with Escape', async () => {
    renderHeader();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(menuPanel(button)).toBeEmptyDOMElement();

    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const panel = menuPanel(button);
    expect(within(panel).getByRole('link', { name: 'Audit log' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Sign out' })).toBeInTheDocument();

    within(panel).getByRole('link', { name: 'Users' }).focus();
    await user.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('closes with Escape while the Menu button has focus', async () => {
    renderHeader();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Menu' });

    await user.click(button);
    expect(button).toHaveFocus();
    await user.keyboard('{Escape}');

    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(menuPanel(button)).toBeEmptyDOMElement();
    expect(button).toHaveFocus();
  });

  it('closes after following a link', async () => {
    const router = renderHeader();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Menu' });

    await user.click(button);
    await user.click(within(menuPanel(button)).getByRole('link', { name: 'Audit log' }));

    expect(router.state.location.pathname).toBe('/admin/audit');
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });
});
