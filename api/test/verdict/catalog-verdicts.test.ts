import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../src/contract/signer.ts';
import type { TrustPolicyVersion } from '../../src/contract/policy.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { refreshCatalogVerdicts, storedVerdictsAreFresh } from '../../src/verdict/catalog-verdicts.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { signedPlugin, startVerdictWorld, type VerdictWorld } from './verdict-world.ts';

const hourMs = 3600_000;

describe.each(engineCases)('stored catalog verdicts on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let world: VerdictWorld;
  let context: DatabaseContext;
  let signer: Signer;
  let exceptionExpiry: number;

  async function storedVerdict(plugin: string) {
    return context.db
      .selectFrom('plugin_verdicts')
      .selectAll()
      .where('plugin_id', '=', plugin)
      .executeTakeFirst();
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    world = await startVerdictWorld(database);
    context = { db: world.assay.server.database.db, engine: world.assay.server.database.engine };
    signer = await world.addReleaseSigner({ approve: true });
    await world.uploadScan('debian', 1);
    exceptionExpiry = Date.now() + hourMs;
    const current = await world.assay.getJson<TrustPolicyVersion>('/api/v1/policy');
    const update = await world.send('PUT', '/api/v1/policy', {
      baseVersion: current.body.version,
      reason: 'Accept CVE-2019-18224 for one hour',
      policy: {
        ...current.body.policy,
        exceptions: [
          {
            vulnerabilityId: 'CVE-2019-18224',
            justification: 'Fixed image is being built.',
            expiresAt: new Date(exceptionExpiry).toISOString(),
          },
        ],
      },
    });
    expect(update.status).toBe(200);
  });

  afterAll(async () => {
    await world?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('stores the verdict of each newest version', async () => {
    await refreshCatalogVerdicts(context, new Date());

    const row = await storedVerdict(signedPlugin.name);

    expect(row?.verdict).toBe('trusted');
    expect(row?.policy_version).toBe(2);
    expect(Date.parse(row?.valid_until ?? '')).toBe(exceptionExpiry);
  });

  it.skipIf(unavailable)('skips the work while no input changed', async () => {
    const now = new Date();

    const fresh = await storedVerdictsAreFresh(context.db, now);
    const outcome = await refreshCatalogVerdicts(context, now);

    expect(fresh).toBe(true);
    expect(outcome.refreshed).toBe(false);
  });

  it.skipIf(unavailable)('goes stale when a signer changes', async () => {
    const update = await world.send('PATCH', `/api/v1/signers/${signer.id}`, {
      displayName: 'Renamed release key',
    });
    expect(update.status).toBe(200);

    const fresh = await storedVerdictsAreFresh(context.db, new Date());
    const outcome = await refreshCatalogVerdicts(context, new Date());

    expect(fresh).toBe(false);
    expect(outcome).toMatchObject({ refreshed: true, written: 1, changed: 0 });
  });

  it.skipIf(unavailable)('recomputes when an exception expires and records the change', async () => {
    const later = new Date(exceptionExpiry + 1);

    const fresh = await storedVerdictsAreFresh(context.db, later);
    const outcome = await refreshCatalogVerdicts(context, later);
    const row = await storedVerdict(signedPlugin.name);
    const changes = await context.db
      .selectFrom('verdict_changes')
      .selectAll()
      .where('plugin_id', '=', signedPlugin.name)
      .execute();

    expect(fresh).toBe(false);
    expect(outcome.changed).toBe(1);
    expect(row?.verdict).toBe('warning');
    expect(changes).toEqual([
      expect.objectContaining({ previous: 'trusted', current: 'warning', changed_at: later.toISOString() }),
    ]);
    expect(changes[0]?.summary).toContain('CVE-2019-18224');
  });

  it.skipIf(unavailable)('moves the catalog revision only when a stored verdict changes', async () => {
    const revision = async () =>
      Number(
        (
          await context.db
            .selectFrom('catalog_state')
            .select('revision')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow()
        ).revision,
      );
    const before = await revision();

    await refreshCatalogVerdicts(context, new Date(exceptionExpiry + 2), { force: true });

    expect(await revision()).toBe(before);
  });
});
