import type { Signer } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignerSettingsForm } from './signer-settings-form';

const signer: Signer = {
  id: 's1',
  kind: 'key',
  displayName: 'Lab key',
  status: 'approved',
  scope: [],
  expiresAt: '2024-06-30T23:59:59.000Z',
  expired: true,
  statusChangedAt: '2024-01-01T00:00:00.000Z',
  origin: 'admin',
  createdAt: '2024-01-01T00:00:00.000Z',
  imageCount: 0,
};

const expiryMessage =
  'expiresAt must be in the future, but 2020-01-01T23:59:59Z is not after the current time 2026-01-10T12:00:00.000Z. To stop trusting a signer now, revoke it.';

/** Stubs fetch: `GET /session` returns a CSRF token and `PATCH /signers/s1` returns `response()`. */
function stubUpdate(response: () => Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const path = new URL(String(input), 'http://assay.test').pathname;
    if (path === '/api/v1/session')
      return new Response(JSON.stringify({ csrfToken: 'csrf' }), { status: 200 });
    if (path === '/api/v1/signers/s1') return response();
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function sentBodies(fetch: ReturnType<typeof stubUpdate>): unknown[] {
  return fetch.mock.calls
    .filter(([input]) => String(input).endsWith('/signers/s1'))
    .map(([, init]) => JSON.parse(String(init?.body)));
}

function renderForm(shown: Signer = signer) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignerSettingsForm signer={shown} />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('SignerSettingsForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows an expiry error under the date field', async () => {
    stubUpdate(() => {
      const details = [{ path: 'expiresAt', message: expiryMessage }];
      const error = { code: 'invalid-input', message: `Invalid body: ${expiryMessage}`, details };
      return new Response(JSON.stringify({ error }), { status: 400 });
    });
    const user = renderForm();

    await user.clear(screen.getByLabelText('Approval expires on'));
    await user.type(screen.getByLabelText('Approval expires on'), '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const field = screen.getByLabelText('Approval expires on');
    expect(await screen.findByText(expiryMessage)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('leaves an unchanged expiry out of the request', async () => {
    const fetch = stubUpdate(
      () => new Response(JSON.stringify({ ...signer, displayName: 'Old lab key' }), { status: 200 }),
    );
    const user = renderForm();

    await user.clear(screen.getByLabelText('Display name'));
    await user.type(screen.getByLabelText('Display name'), 'Old lab key');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sentBodies(fetch)).toEqual([{ displayName: 'Old lab key', scope: [] }]);
  });

  it('sends null when the expiry is removed', async () => {
    const fetch = stubUpdate(
      () => new Response(JSON.stringify({ ...signer, expired: false }), { status: 200 }),
    );
    const user = renderForm();

    await user.click(screen.getByRole('button', { name: 'Remove expiry' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sentBodies(fetch)).toEqual([{ displayName: 'Lab key', scope: [], expiresAt: null }]);
  });

  it('asks before widening an approved scope to every repository', async () => {
    const scoped = { ...signer, scope: ['docker.io/polusai'] };
    const fetch = stubUpdate(() => new Response(JSON.stringify({ ...scoped, scope: [] }), { status: 200 }));
    const user = renderForm(scoped);

    await user.clear(screen.getByLabelText('Scope'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const sentFirst = sentBodies(fetch);
    const warning = screen.queryByText('This approval will cover every repository');
    await user.click(screen.getByRole('button', { name: 'Approve for every repository' }));

    expect(sentFirst).toEqual([]);
    expect(warning).not.toBeNull();
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sentBodies(fetch)).toEqual([{ displayName: 'Lab key', scope: [] }]);
  });
});
