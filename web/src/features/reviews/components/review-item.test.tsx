import type { Review } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReviewItem } from './review-item';

const override = '\u202e';

const review: Review = {
  id: 'r1',
  plugin: 'nyxus-tool',
  version: '0.2.0',
  digest: null,
  digestIsCurrent: true,
  isLatestVersion: true,
  author: { id: 'u1', displayName: `Eve${override}` },
  stars: 4,
  text: `Works on large images ${override}reversed\n\nשלום לכולם`,
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
  editedAt: null,
  mine: false,
  hidden: null,
};

function renderReview() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ReviewItem review={review} canReport={false} />
    </QueryClientProvider>,
  );
}

describe('ReviewItem', () => {
  it('isolates the author name, so its direction stays inside it', () => {
    renderReview();

    expect(screen.getByText(`Eve${override}`).tagName).toBe('BDI');
  });

  it('isolates the review text and gives each paragraph its own direction', () => {
    renderReview();
    const paragraph = screen.getByText('שלום לכולם');

    expect(paragraph).toHaveAttribute('dir', 'auto');
    expect(paragraph.closest('.review-text')).toHaveAttribute('dir', 'auto');
    expect(screen.getByText(/Works on large images/)).toHaveAttribute('dir', 'auto');
  });
});
