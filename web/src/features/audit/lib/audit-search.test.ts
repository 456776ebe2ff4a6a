import { describe, expect, it } from 'vitest';
import { fromLocalInput, parseAuditSearch, toAuditSearchParams, toLocalInput } from './audit-search';

describe('audit search', () => {
  it('reads every filter and repeated actions from the address', () => {
    const filter = parseAuditSearch(
      new URLSearchParams(
        'actor=alice&action=signer.approve&action=policy.update&targetType=signer&from=2026-01-01T00:00:00.000Z&unknown=x',
      ),
    );

    expect(filter).toEqual({
      actor: 'alice',
      action: ['signer.approve', 'policy.update'],
      targetType: 'signer',
      from: '2026-01-01T00:00:00.000Z',
    });
  });

  it('writes the filters back in a stable order without empty ones', () => {
    const params = toAuditSearchParams({ action: ['policy.update'], actor: 'alice', targetId: '' });

    expect(params.toString()).toBe('actor=alice&action=policy.update');
  });

  it('round-trips a time through the datetime-local input', () => {
    const iso = '2026-03-10T14:30:00.000Z';

    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it.each(['', 'not a date'])('treats %j as no time', (value) => {
    expect(fromLocalInput(value)).toBeUndefined();
  });
});
