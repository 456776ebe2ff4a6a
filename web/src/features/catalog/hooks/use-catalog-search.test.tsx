import { act, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, useLocation, type Location } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useCatalogSearch, type CatalogSearch } from './use-catalog-search';

/** Renders the hook inside a memory router and exposes the router, so tests can go back and forward. */
function renderCatalogSearch(initialUrl: string) {
  const result: { search?: CatalogSearch; location?: Location } = {};
  function Probe() {
    result.search = useCatalogSearch();
    result.location = useLocation();
    return null;
  }
  const router = createMemoryRouter([{ path: '/', element: <Probe /> }], { initialEntries: [initialUrl] });
  render(<RouterProvider router={router} />);
  return {
    router,
    get search() {
      return result.search!;
    },
    get url() {
      return `${result.location!.pathname}${result.location!.search}`;
    },
  };
}

describe('useCatalogSearch', () => {
  it('reads the state from a shared link', () => {
    const view = renderCatalogSearch('/?q=unet&inputType=collection&sort=name&page=2');

    expect(view.search.query).toEqual({ q: 'unet', inputType: ['collection'], sort: 'name', page: 2 });
  });

  it('writes a filter change to the URL and resets the page', () => {
    const view = renderCatalogSearch('/?q=unet&page=3');

    act(() => view.search.update({ author: ['Nick Schaub'] }));

    expect(view.url).toBe('/?q=unet&author=Nick+Schaub');
  });

  it('steps back and forward through searches', async () => {
    const view = renderCatalogSearch('/');
    act(() => view.search.update({ q: 'unet' }));
    act(() => view.search.update({ q: 'nyxus' }));

    await act(() => view.router.navigate(-1));
    expect(view.search.query.q).toBe('unet');

    await act(() => view.router.navigate(1));
    expect(view.search.query.q).toBe('nyxus');
  });

  it('clears search and filters but keeps the sort', () => {
    const view = renderCatalogSearch('/?q=unet&institution=NIST&sort=updated&page=2');

    act(() => view.search.clearFilters());

    expect(view.url).toBe('/?sort=updated');
  });
});
