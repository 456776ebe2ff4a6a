import type { Signer } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
  imageCount: 0,
};

function renderActions(signer: Signer) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SignerActions signer={signer} />
    </QueryClientProvider>,
  );
}

describe('SignerActions', () => {
  it('warns before approving an expired signer', () => {
    renderActions({ ...pending, expiresAt: '2024-06-30T23:59:59.000Z', expired: true });

    expect(screen.getByText('The approval expiry has passed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve signer' })).toBeInTheDocument();
  });

  it('shows no expiry warning otherwise', () => {
    renderActions(pending);

    expect(screen.queryByText('The approval expiry has passed')).not.toBeInTheDocument();
  });
});
