import { describe, expect, it } from 'vitest';
import { advisoryLink, toggleSort, updateFilters } from './findings-filters';

describe('updateFilters', () => {
  it('returns to the first page when a filter changes', () => {
    expect(updateFilters({ page: 4, q: 'bash' }, { severity: ['critical'] })).toEqual({
      q: 'bash',
      severity: ['critical'],
    });
  });

  it('keeps the page when only the page changes', () => {
    expect(updateFilters({ q: 'bash' }, { page: 2 })).toEqual({ q: 'bash', page: 2 });
  });

  it('drops an empty search and an empty severity list', () => {
    expect(updateFilters({ q: 'bash', severity: ['low'] }, { q: '  ', severity: [] })).toEqual({});
  });
});

describe('toggleSort', () => {
  it.each([
    [{}, 'severity', { sort: 'severity', order: 'asc' }],
    [{ sort: 'severity', order: 'asc' } as const, 'severity', { sort: 'severity', order: 'desc' }],
    [{}, 'package', { sort: 'package', order: 'asc' }],
    [{ sort: 'package', order: 'asc' } as const, 'cvss', { sort: 'cvss', order: 'desc' }],
  ] as const)('from %o by %s gives %o', (current, sort, expected) => {
    expect(toggleSort(current, sort)).toEqual(expected);
  });
});

describe('advisoryLink', () => {
  it.each([
    [
      'CVE-2019-18224',
      ['https://avd.aquasec.com/nvd/cve-2019-18224'],
      'https://avd.aquasec.com/nvd/cve-2019-18224',
    ],
    ['CVE-2019-18224', [], 'https://nvd.nist.gov/vuln/detail/CVE-2019-18224'],
    ['GHSA-gq9m-qvpx-68hc', [], 'https://github.com/advisories/GHSA-gq9m-qvpx-68hc'],
    ['DSA-4613-1', [], undefined],
  ])('links %s', (id, links, expected) => {
    expect(advisoryLink(id, links)).toBe(expected);
  });
});
