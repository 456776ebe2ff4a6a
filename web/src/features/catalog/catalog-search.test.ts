import type { CatalogQuery } from '@assay/api/contract';
import { describe, expect, it } from 'vitest';
import { parseCatalogSearch, toCatalogSearchParams, updateCatalogQuery } from './catalog-search';

describe('parseCatalogSearch', () => {
  it.each<{ name: string; search: string; expected: CatalogQuery }>([
    { name: 'empty string', search: '', expected: {} },
    { name: 'trimmed text', search: 'q=%20unet%20', expected: { q: 'unet' } },
    { name: 'blank text', search: 'q=%20%20', expected: {} },
    {
      name: 'repeated list filters',
      search: 'inputType=collection&inputType=csvCollection&author=Nick+Schaub',
      expected: { inputType: ['collection', 'csvCollection'], author: ['Nick Schaub'] },
    },
    {
      name: 'duplicate values',
      search: 'institution=NIST&institution=NIST',
      expected: { institution: ['NIST'] },
    },
    {
      name: 'unknown registry state',
      search: 'registryState=tag-moved&registryState=bogus',
      expected: { registryState: ['tag-moved'] },
    },
    { name: 'valid sort', search: 'sort=updated', expected: { sort: 'updated' } },
    { name: 'unknown sort', search: 'sort=stars', expected: {} },
    { name: 'page 3', search: 'page=3', expected: { page: 3 } },
    { name: 'page 1 as default', search: 'page=1', expected: {} },
    { name: 'non-numeric page', search: 'page=two', expected: {} },
    { name: 'negative page', search: 'page=-2', expected: {} },
    { name: 'page size above the maximum', search: 'pageSize=1000', expected: {} },
    { name: 'page size 50', search: 'pageSize=50', expected: { pageSize: 50 } },
  ])('reads $name', ({ search, expected }) => {
    expect(parseCatalogSearch(new URLSearchParams(search))).toEqual(expected);
  });

  it('limits search text to 200 characters', () => {
    const query = parseCatalogSearch(new URLSearchParams({ q: 'a'.repeat(250) }));

    expect(query.q).toHaveLength(200);
  });
});

describe('toCatalogSearchParams', () => {
  it('writes parameters in a stable order', () => {
    const params = toCatalogSearchParams({
      page: 2,
      sort: 'name',
      author: ['B'],
      q: 'seg',
      inputType: ['collection', 'pyramid'],
    });

    expect(params.toString()).toBe('q=seg&inputType=collection&inputType=pyramid&author=B&sort=name&page=2');
  });

  it('round-trips through parseCatalogSearch', () => {
    const query: CatalogQuery = {
      q: 'cell segmentation',
      outputType: ['csvCollection'],
      registryState: ['resolved', 'registry-not-configured'],
      sort: 'versions',
      page: 4,
      pageSize: 10,
    };

    expect(parseCatalogSearch(toCatalogSearchParams(query))).toEqual(query);
  });
});

describe('updateCatalogQuery', () => {
  it('returns to page 1 when a filter changes', () => {
    expect(updateCatalogQuery({ q: 'unet', page: 5 }, { inputType: ['collection'] })).toEqual({
      q: 'unet',
      inputType: ['collection'],
    });
  });

  it('keeps filters when only the page changes', () => {
    expect(updateCatalogQuery({ q: 'unet', page: 5 }, { page: 6 })).toEqual({ q: 'unet', page: 6 });
  });

  it('removes a filter whose last value is cleared', () => {
    expect(updateCatalogQuery({ author: ['A'] }, { author: [] })).toEqual({});
  });
});
