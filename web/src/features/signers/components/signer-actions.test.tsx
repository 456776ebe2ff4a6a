import type { Signer, SignerDetail } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignerActions } from './signer-actions';

const pending: Signer = {
  id: 's1',
  kind: 'key',
  displayName: 'Lab key',
  status: 'pending',
  scope: [],
  expired: false,
  statusChangedAt: '2024-01-01T00:00:00.000Z',
  origin: 'admin',
  createdAt: '2024-01-01T00:00:00.000Z',
  imageCount: 2,
};

const detail: SignerDetail = {
  signer: pending,
  history: [],
  images: ['nyxus-tool', 'threshold-tool'].map((name) => ({
    plugin: name,
    pluginTitle: name,
    version: '1.0.0',
    repository: `docker.io/polusai/${name}`,
    digest: `sha256:${'a'.repeat(64)}`,
    state: 'pending',
    reason: 'ok',
  })),
  imagesTruncated: false,
};

/** Stubs the signer API and records the bodies of approval requests. */
function stubApi() {
  const approvals: unknown[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input), 'http://assay.test').pathname;
      if (path === '/api/v1/session') return json({ csrfToken: 'csrf' });
      if (path === '/api/v1/signers/s1/approve' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { scope: string[] };
        approvals.push(body);
        return json({ ...pending, status: 'approved', scope: body.scope });
      }
      if (path === '/api/v1/signers/s1') return json(detail);
      return new Response(JSON.stringify({ error: { code: 'not-found', message: path } }), { status: 404 });
    }),
  );
  return approvals;
}

function renderActions(signer: Signer) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignerActions signer={signer} />
    </QueryClientProvider>,
  );
}

describe('SignerActions', () => {
  let approvals: unknown[];

  beforeEach(() => {
    approvals = stubApi();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('warns before approving an expired signer', () => {
    renderActions({ ...pending, expiresAt: '2024-06-30T23:59:59.000Z', expired: true });

    expect(screen.getByText('The approval expiry has passed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve signer…' })).toBeInTheDocument();
  });

  it('shows no expiry warning otherwise', () => {
    renderActions(pending);

    expect(screen.queryByText('The approval expiry has passed')).not.toBeInTheDocument();
  });

  it('shows the scope an approval covers before sending it', async () => {
    const user = userEvent.setup();
    renderActions(pending);

    await user.click(screen.getByRole('button', { name: 'Approve signer…' }));

    expect(screen.getByText('This approval will cover every repository')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve for every repository' })).toBeInTheDocument();
    expect(approvals).toEqual([]);
  });

  it('sends the scope set in the confirmation', async () => {
    const user = userEvent.setup();
    renderActions(pending);

    await user.click(screen.getByRole('button', { name: 'Approve signer…' }));
    await user.type(screen.getByLabelText('Scope of the approval'), 'docker.io/polusai');
    await user.click(screen.getByRole('button', { name: 'Approve for docker.io/polusai' }));

    await vi.waitFor(() => expect(approvals).toEqual([{ scope: ['docker.io/polusai'] }]));
  });

  it('fills the scope with the repositories the signer signed', async () => {
    const user = userEvent.setup();
    renderActions(pending);

    await user.click(screen.getByRole('button', { name: 'Approve signer…' }));
    await user.click(
      await screen.findByRole('button', { name: 'Limit it to the 2 prefixes of its signed images' }),
    );

    expect(screen.getByLabelText('Scope of the approval')).toHaveValue(
      'docker.io/polusai/nyxus-tool\ndocker.io/polusai/threshold-tool',
    );
    expect(screen.getByRole('button', { name: 'Approve for 2 repository prefixes' })).toBeInTheDocument();
  });

  it('goes back without approving on cancel', async () => {
    const user = userEvent.setup();
    renderActions(pending);

    await user.click(screen.getByRole('button', { name: 'Approve signer…' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.getByRole('button', { name: 'Approve signer…' })).toBeInTheDocument();
    expect(approvals).toEqual([]);
  });
});
