import { describe, expect, test } from 'vitest';
import { findNextLink } from '../../src/registry/link-header.ts';
import { parseRetryAfter } from '../../src/registry/retry-after.ts';

describe('findNextLink', () => {
  const requestUrl = 'http://127.0.0.1:5000/v2/a/b/tags/list?n=2';
  const cases: { name: string; header: string | null; expected: string | undefined }[] = [
    {
      name: 'root-relative link',
      header: '</v2/a/b/tags/list?last=t2&n=2>; rel="next"',
      expected: 'http://127.0.0.1:5000/v2/a/b/tags/list?last=t2&n=2',
    },
    {
      name: 'path-relative link',
      header: '<list?last=t2&n=2>; rel="next"',
      expected: 'http://127.0.0.1:5000/v2/a/b/tags/list?last=t2&n=2',
    },
    {
      name: 'absolute link',
      header: '<https://mirror.example.org/v2/a/b/tags/list?last=t2>; rel=next',
      expected: 'https://mirror.example.org/v2/a/b/tags/list?last=t2',
    },
    {
      name: 'next among other relations',
      header: '</first>; rel="first", </v2/x?last=c>; rel="prev next"',
      expected: 'http://127.0.0.1:5000/v2/x?last=c',
    },
    { name: 'no next relation', header: '</v2/x?last=c>; rel="prev"', expected: undefined },
    { name: 'missing header', header: null, expected: undefined },
    { name: 'blank header', header: '  ', expected: undefined },
  ];

  test.each(cases)('resolves $name', ({ header, expected }) => {
    expect(findNextLink(header, requestUrl)?.href).toBe(expected);
  });

  test('rejects a malformed header', () => {
    expect(() => findNextLink('/v2/x; rel="next"', requestUrl)).toThrow(/Invalid Link header/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  const cases: { value: string | null; expected: number | undefined }[] = [
    { value: '0', expected: 0 },
    { value: '7', expected: 7000 },
    { value: ' 2 ', expected: 2000 },
    { value: 'Wed, 01 Jan 2025 00:00:30 GMT', expected: 30_000 },
    { value: 'Tue, 31 Dec 2024 23:00:00 GMT', expected: 0 },
    { value: 'soon', expected: undefined },
    { value: '-1', expected: undefined },
    { value: null, expected: undefined },
  ];

  test.each(cases)('reads $value', ({ value, expected }) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
