import type { TrustPolicy } from '@assay/api/contract';
import { describe, expect, it } from 'vitest';
import { draftOf, emptyException, validateDraft, type PolicyDraft } from './policy-draft';

const now = new Date('2026-03-10T12:00:00Z');

const stored: TrustPolicy = {
  signerRule: 'approved-in-scope',
  maxScanAgeDays: 7,
  failSeverities: ['critical'],
  fixableOnly: true,
  exceptions: [
    {
      vulnerabilityId: 'CVE-2024-3094',
      justification: 'Not on the execution path.',
      expiresAt: '2026-02-01T00:00:00.000Z',
      repositories: ['docker.io/polusai'],
      addedBy: 'alice',
      addedAt: '2026-01-10T00:00:00.000Z',
    },
  ],
};

function draft(change: Partial<PolicyDraft> = {}): PolicyDraft {
  return { ...draftOf(stored), reason: 'tighten', ...change };
}

describe('validateDraft', () => {
  it('builds the request body from a valid draft', () => {
    const result = validateDraft(draft({ maxScanAgeDays: '3' }), stored, 4, now);

    expect(result).toEqual({
      body: {
        baseVersion: 4,
        reason: 'tighten',
        policy: {
          signerRule: 'approved-in-scope',
          maxScanAgeDays: 3,
          failSeverities: ['critical'],
          fixableOnly: true,
          exceptions: [
            {
              vulnerabilityId: 'CVE-2024-3094',
              justification: 'Not on the execution path.',
              expiresAt: '2026-02-01T00:00:00.000Z',
              repositories: ['docker.io/polusai'],
            },
          ],
        },
      },
    });
  });

  it.each([
    { name: 'empty scan age', change: { maxScanAgeDays: '' }, path: 'policy.maxScanAgeDays' },
    { name: 'scan age of 400 days', change: { maxScanAgeDays: '400' }, path: 'policy.maxScanAgeDays' },
    { name: 'missing reason', change: { reason: ' ' }, path: 'reason' },
  ])('reports $name at $path', ({ change, path }) => {
    const result = validateDraft(draft(change), stored, 4, now);

    const errors = 'errors' in result ? result.errors : {};
    expect(errors[path]).toBeTruthy();
  });

  it('reports each invalid field of a new exception in place', () => {
    const added = { ...emptyException(now), vulnerabilityId: 'not-a-cve', expiresAt: '2026-03-01T23:59:59Z' };

    const result = validateDraft(
      draft({ exceptions: [...draftOf(stored).exceptions, added] }),
      stored,
      4,
      now,
    );

    expect('errors' in result ? Object.keys(result.errors).sort() : []).toEqual([
      'policy.exceptions.1.expiresAt',
      'policy.exceptions.1.justification',
      'policy.exceptions.1.vulnerabilityId',
    ]);
  });

  it('keeps an unchanged exception that has expired', () => {
    expect('body' in validateDraft(draft(), stored, 4, now)).toBe(true);
  });

  it('rejects an expired exception once its text changes', () => {
    const [kept] = draftOf(stored).exceptions;
    const result = validateDraft(
      draft({ exceptions: [{ ...kept!, justification: 'Reworded.' }] }),
      stored,
      4,
      now,
    );

    const errors = 'errors' in result ? result.errors : {};
    expect(errors['policy.exceptions.0.expiresAt']).toBe(
      'Expiry date must be in the future for a new or changed exception.',
    );
  });

  it.each([
    {
      name: 'a fractional scan age',
      change: { maxScanAgeDays: '1.5' },
      path: 'policy.maxScanAgeDays',
      message: 'Maximum scan age must be a whole number of days, 1-365.',
    },
    {
      name: 'a missing reason',
      change: { reason: '' },
      path: 'reason',
      message: 'Reason for this change is required: say why the policy changes.',
    },
  ])('words $name with the field label', ({ change, path, message }) => {
    const result = validateDraft(draft(change), stored, 4, now);

    expect('errors' in result ? result.errors[path] : undefined).toBe(message);
  });

  it('ends a new exception in 30 days', () => {
    expect(emptyException(now).expiresAt).toBe('2026-04-09T23:59:59Z');
  });
});
