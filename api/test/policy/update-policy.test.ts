import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateTrustPolicyBodySchema } from '../../src/contract/policy.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { AppError } from '../../src/http/errors.ts';
import { loadCurrentPolicy } from '../../src/policy/store.ts';
import { updateTrustPolicy } from '../../src/policy/update.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';

const actor = { id: 'user-1', name: 'alice' };
const january = new Date('2026-01-10T00:00:00Z');
const march = new Date('2026-03-10T00:00:00Z');

const exception = {
  vulnerabilityId: 'CVE-2024-3094',
  justification: 'Not on the execution path.',
  expiresAt: '2026-02-01T00:00:00Z',
};

function body(baseVersion: number, policy: Record<string, unknown>) {
  return updateTrustPolicyBodySchema.parse({
    baseVersion,
    reason: 'test',
    policy: {
      signerRule: 'approved-in-scope',
      maxScanAgeDays: 7,
      failSeverities: ['critical'],
      fixableOnly: true,
      exceptions: [],
      ...policy,
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the update to be rejected');
}

describe.each(engineCases)('trust policy versions on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    handle = await openDatabase(database.target);
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it.skipIf(unavailable)('stamps a new exception with its author and time', async () => {
    const saved = await updateTrustPolicy(handle.db, body(1, { exceptions: [exception] }), {
      actor,
      now: january,
    });

    expect(saved.version).toBe(2);
    expect(saved.policy.exceptions).toEqual([
      {
        ...exception,
        expiresAt: '2026-02-01T00:00:00.000Z',
        repositories: [],
        addedBy: 'alice',
        addedAt: january.toISOString(),
      },
    ]);
  });

  it.skipIf(unavailable)('keeps an unchanged exception after it expired', async () => {
    const saved = await updateTrustPolicy(
      handle.db,
      body(2, { maxScanAgeDays: 3, exceptions: [exception] }),
      { actor: { id: 'user-2', name: 'bob' }, now: march },
    );

    expect(saved.version).toBe(3);
    expect(saved.policy.exceptions[0]).toMatchObject({ addedBy: 'alice', addedAt: january.toISOString() });
  });

  it.skipIf(unavailable)('rejects a changed exception that expired', async () => {
    const error = await rejection(
      updateTrustPolicy(
        handle.db,
        body(3, { maxScanAgeDays: 3, exceptions: [{ ...exception, justification: 'Reworded.' }] }),
        { actor, now: march },
      ),
    );

    expect(error.code).toBe('invalid-input');
    expect(error.details).toEqual([
      {
        path: 'policy.exceptions.0.expiresAt',
        message: expect.stringContaining('must expire in the future'),
      },
    ]);
    expect((await loadCurrentPolicy(handle.db)).version).toBe(3);
  });

  it.skipIf(unavailable)('lets only one of two edits from the same version win', async () => {
    const results = await Promise.allSettled([
      updateTrustPolicy(handle.db, body(3, { maxScanAgeDays: 10 }), { actor, now: march }),
      updateTrustPolicy(handle.db, body(3, { maxScanAgeDays: 11 }), { actor, now: march }),
    ]);

    const saved = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as AppError] : [],
    );
    expect(saved).toHaveLength(1);
    expect(rejected.map((error) => error.code)).toEqual(['conflict']);
    expect((await loadCurrentPolicy(handle.db)).version).toBe(4);
  });
});
