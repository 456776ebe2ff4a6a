import type { PluginRatings, Review, ReviewPage } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewsPanel } from './reviews-panel';

const plugin = 'basic-flatfield-correction-plugin';
const viewer = { id: 'u1', username: 'rita', displayName: 'Rita Reviewer', role: 'reviewer' as const };
const emptySummary = { average: null, count: 0, distribution: [0, 0, 0, 0, 0] };

const ritasReview: Review = {
  id: 'r1',
  plugin,
  version: '1.2.7',
  digest: null,
  digestIsCurrent: true,
  isLatestVersion: true,
  author: { id: viewer.id, displayName: viewer.displayName },
  stars: 2,
  text: 'Review written for version 1.2.7 only.',
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
  editedAt: null,
  mine: true,
  hidden: null,
};

function reviewPage(items: Review[], mine: Review | null): ReviewPage {
  return { items, total: items.length, page: 1, pageSize: 10, sort: 'newest', summary: emptySummary, mine };
}

const ratings: PluginRatings = {
  plugin: { average: 3.5, count: 2, distribution: [0, 1, 0, 0, 1] },
  versions: [
    { version: '1.2.7', isLatest: true, summary: { average: 2, count: 1, distribution: [0, 1, 0, 0, 0] } },
    { version: '1.0.1', isLatest: false, summary: emptySummary },
  ],
};

/** Stubs the panel's GET requests: Rita reviewed 1.2.7 and not 1.0.1. Requests for 1.0.1 wait for `release`. */
function stubApi() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://assay.test');
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (init?.method && init.method !== 'GET') return new Response(null, { status: 405 });
    if (url.pathname.endsWith('/ratings')) return json(ratings);
    if (url.pathname.endsWith('/reviews')) {
      const version = url.searchParams.get('version');
      if (version === '1.0.1') {
        await released;
        return json(reviewPage([], null));
      }
      return json(reviewPage([ritasReview], ritasReview));
    }
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return { release: () => release() };
}

function renderWithClient(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (child: ReactNode) => (
    <QueryClientProvider client={client}>
      <MemoryRouter>{child}</MemoryRouter>
    </QueryClientProvider>
  );
  const view = render(wrap(node));
  return { rerender: (next: ReactNode) => view.rerender(wrap(next)) };
}

describe('ReviewsPanel', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('resets the form when the version changes', async () => {
    const api = stubApi();
    const view = renderWithClient(<ReviewsPanel plugin={plugin} version="1.2.7" viewer={viewer} />);
    const form = await screen.findByRole('form', { name: 'Edit your review' });
    expect(within(form).getByRole('radio', { name: '2 stars: fair' })).toBeChecked();

    view.rerender(<ReviewsPanel plugin={plugin} version="1.0.1" viewer={viewer} />);
    // The 1.2.7 review must not fill a form for 1.0.1 while 1.0.1's reviews load.
    expect(screen.queryByRole('form', { name: 'Edit your review' })).not.toBeInTheDocument();
    api.release();

    const fresh = await screen.findByRole('form', { name: 'Write a review' });
    expect(within(fresh).getByRole('heading', { name: 'Review version 1.0.1' })).toBeInTheDocument();
    for (const radio of within(fresh).getAllByRole('radio')) expect(radio).not.toBeChecked();
    expect(within(fresh).getByLabelText('Review (optional)')).toHaveValue('');
  });

  it('asks before deleting a review', async () => {
    stubApi();
    const user = userEvent.setup();
    renderWithClient(<ReviewsPanel plugin={plugin} version="1.2.7" viewer={viewer} />);
    const form = await screen.findByRole('form', { name: 'Edit your review' });

    await user.click(within(form).getByRole('button', { name: 'Delete review' }));
    const confirm = within(form).getByRole('group', { name: /Delete your review of version 1.2.7\?/ });
    expect(within(confirm).getByRole('button', { name: 'Delete my review' })).toHaveFocus();

    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(within(form).queryByRole('group', { name: /Delete your review/ })).not.toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Delete review' })).toHaveFocus();
    const deletes = vi.mocked(fetch).mock.calls.filter(([, init]) => init?.method === 'DELETE');
    expect(deletes).toHaveLength(0);
  });

  it('counts ratings and people in the summaries', async () => {
    stubApi();
    renderWithClient(<ReviewsPanel plugin={plugin} version="1.2.7" viewer={viewer} />);

    expect(await screen.findByText('1 rating')).toBeInTheDocument();
    expect(screen.getByText('2 people')).toBeInTheDocument();
  });
});
