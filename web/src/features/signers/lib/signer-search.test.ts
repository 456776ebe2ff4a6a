import { describe, expect, test } from 'vitest';
import { parseSignerSearch, toSignerSearchParams } from './signer-search';

describe('signer list search parameters', () => {
  test('reads valid filters and drops the rest', () => {
    const query = parseSignerSearch(
      new URLSearchParams(
        'status=pending&status=trusted&status=pending&kind=key&kind=group&q=%20lab%20&page=3',
      ),
    );

    expect(query).toEqual({ status: ['pending'], kind: ['key'], q: 'lab', page: 3 });
  });

  test.each(['0', '1', '-2', '2.5', 'x', '10001'])('ignores page %s', (page) => {
    expect(parseSignerSearch(new URLSearchParams({ page })).page).toBeUndefined();
  });

  test('writes the query back in a stable order without page 1', () => {
    const params = toSignerSearchParams({
      q: 'ci',
      status: ['approved', 'revoked'],
      kind: ['identity'],
      page: 1,
    });

    expect(params.toString()).toBe('status=approved&status=revoked&kind=identity&q=ci');
  });
});
