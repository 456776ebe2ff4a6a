import type { ImageDetails } from '@assay/api/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImagePanel } from './image-panel';

const image: ImageDetails = {
  registry: 'docker.io',
  repository: 'polusai/basic-flatfield-correction-plugin',
  tag: '1.2.7',
  status: 'resolved',
  tagMoved: false,
  platforms: [],
  labels: {},
  otherTags: [],
  checkedAt: '2026-01-02T03:04:05Z',
};

/** Stubs fetch: `GET /session` returns a CSRF token and the refresh request returns `refreshResponse`. */
function stubRefresh(refreshResponse: () => Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const path = new URL(String(input), 'http://assay.test').pathname;
    if (path === '/api/v1/session') {
      return new Response(JSON.stringify({ csrfToken: 'csrf' }), { status: 200 });
    }
    if (path.endsWith('/image/refresh')) return refreshResponse();
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPanel(canRefresh: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  render(
    <QueryClientProvider client={client}>
      <ImagePanel
        plugin="basic-flatfield-correction-plugin"
        version="1.2.7"
        image={image}
        containerId="polusai/basic-flatfield-correction-plugin:1.2.7"
        canRefresh={canRefresh}
      />
    </QueryClientProvider>,
  );
  return { panel: screen.getByRole('region', { name: 'Image' }), invalidate };
}

describe('ImagePanel refresh', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('hides the button from non-admins', () => {
    const { panel } = renderPanel(false);

    expect(within(panel).queryByRole('button', { name: 'Refresh from registry' })).not.toBeInTheDocument();
  });

  it('posts the refresh and refetches the version', async () => {
    const fetch = stubRefresh(
      () => new Response(JSON.stringify({ ...image, checkedAt: new Date().toISOString() }), { status: 200 }),
    );
    const { panel, invalidate } = renderPanel(true);

    await userEvent.click(within(panel).getByRole('button', { name: 'Refresh from registry' }));

    expect(await within(panel).findByRole('status')).toHaveTextContent(
      /^Refreshed from docker\.io less than a minute ago\.$/,
    );
    const refreshCall = fetch.mock.calls.find(([url]) => String(url).endsWith('/image/refresh'));
    expect(refreshCall?.[0]).toBe(
      '/api/v1/plugins/basic-flatfield-correction-plugin/versions/1.2.7/image/refresh',
    );
    expect(refreshCall?.[1]?.method).toBe('POST');
    expect(invalidate).toHaveBeenCalledWith({
      queryKey: ['plugins', 'basic-flatfield-correction-plugin', 'versions', '1.2.7'],
    });
  });

  it('shows a registry failure in the panel', async () => {
    stubRefresh(
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'upstream-unavailable',
              message: 'Registry docker.io failed: connection refused',
              details: { registry: 'docker.io' },
            },
          }),
          { status: 502 },
        ),
    );
    const { panel, invalidate } = renderPanel(true);

    await userEvent.click(within(panel).getByRole('button', { name: 'Refresh from registry' }));

    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('Refresh failed: A container registry is unavailable');
    expect(alert).toHaveTextContent(
      'Registry docker.io failed: connection refused. Try again in a few minutes.',
    );
    // The API stores the failure on the version, so the page refetches after a failure too.
    expect(invalidate).toHaveBeenCalledWith({
      queryKey: ['plugins', 'basic-flatfield-correction-plugin', 'versions', '1.2.7'],
    });
  });
});
