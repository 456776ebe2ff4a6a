import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminOverview } from '../../src/contract/admin-overview.ts';
import type { Signer } from '../../src/contract/signer.ts';
import type { TrustPolicyVersion } from '../../src/contract/policy.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage } from '../support/registry/index.ts';
import { createUserAndSignIn } from '../support/session.ts';
import {
  signedPlugin,
  startVerdictWorld,
  unsignedPlugin,
  version,
  type VerdictWorld,
} from './verdict-world.ts';

function codes(reasons: Array<{ code: string }>): string[] {
  return reasons.map((reason) => reason.code);
}

// The cases run in order and build on each other, as an administrator would: approve the signer, scan,
// accept a finding, revoke the signer, and finally see the tag move.
describe.each(engineCases)('verdict of a plugin version on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let world: VerdictWorld;
  let signer: Signer;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    world = await startVerdictWorld(database);
  });

  afterAll(async () => {
    await world?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('is untrusted for a key without a signer record', async () => {
    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('untrusted');
    expect(verdict.digest).toBe(world.signedDigest);
    expect(verdict.reasons[0]?.code).toBe('signer-unknown');
    expect(verdict.policyVersion).toBe(1);
  });

  it.skipIf(unavailable)('is untrusted while the signer is pending', async () => {
    signer = await world.addReleaseSigner({ approve: false });

    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('untrusted');
    expect(verdict.reasons[0]).toMatchObject({
      code: 'signer-pending',
      evidence: { kind: 'signer', id: signer.id, href: `/signers/${signer.id}` },
    });
  });

  it.skipIf(unavailable)('turns to a warning without a scan once the signer is approved', async () => {
    const approval = await world.send('POST', `/api/v1/signers/${signer.id}/approve`, {});
    expect(approval.status).toBe(200);

    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('warning');
    expect(codes(verdict.reasons)).toEqual(['scan-missing', 'signed-by-approved', 'policy-version']);
  });

  it.skipIf(unavailable)('shows the same verdict and reasons in the catalog', async () => {
    const summary = await world.summary(signedPlugin.name);

    expect(summary?.verdict?.verdict).toBe('warning');
    expect(summary?.verdict?.reasons.map((reason) => reason.code)).toContain('scan-missing');
  });

  it.skipIf(unavailable)('becomes trusted with a fresh clean scan', async () => {
    await world.uploadScan('clean', 2);

    const verdict = await world.verdict(signedPlugin.name);
    const summary = await world.summary(signedPlugin.name);

    expect(verdict.verdict).toBe('trusted');
    expect(codes(verdict.reasons)).toEqual(['signed-by-approved', 'scan-passed', 'policy-version']);
    expect(verdict.validUntil).toBeDefined();
    expect(summary?.verdict?.verdict).toBe('trusted');
  });

  it.skipIf(unavailable)('warns about a newer scan with a fixable critical finding', async () => {
    await world.uploadScan('debian', 1);

    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('warning');
    expect(verdict.reasons[0]?.code).toBe('findings-fail-policy');
    expect(verdict.reasons[0]?.message).toContain('CVE-2019-18224 (critical) in libidn2-0');
    expect(verdict.reasons[0]?.evidence.kind).toBe('scan');
  });

  it.skipIf(unavailable)('is trusted with an exception and names the policy version', async () => {
    const current = await world.assay.getJson<TrustPolicyVersion>('/api/v1/policy');
    const update = await world.send<TrustPolicyVersion>('PUT', '/api/v1/policy', {
      baseVersion: current.body.version,
      reason: 'libidn2 is not reachable from the plugin entry point',
      policy: {
        ...current.body.policy,
        exceptions: [
          {
            vulnerabilityId: 'cve-2019-18224',
            justification: 'The plugin never resolves internationalised domain names.',
            expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          },
        ],
      },
    });
    expect(update.status).toBe(200);

    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('trusted');
    expect(verdict.policyVersion).toBe(update.body.version);
    const accepted = verdict.reasons.find((reason) => reason.code === 'exception-applied');
    expect(accepted?.message).toContain('The plugin never resolves internationalised domain names.');
    expect(accepted?.evidence).toMatchObject({ kind: 'exception', id: 'CVE-2019-18224' });
  });

  it.skipIf(unavailable)('filters and sorts the catalog by verdict', async () => {
    const trusted = await world.summary(signedPlugin.name, '&verdict=trusted');
    const notInUntrusted = await world.summary(signedPlugin.name, '&verdict=untrusted');
    const page = await world.assay.getJson<{
      items: Array<{ name: string }>;
      facets: { verdicts: unknown[] };
    }>('/api/v1/plugins?sort=verdict');

    expect(trusted?.verdict?.verdict).toBe('trusted');
    expect(notInUntrusted).toBeUndefined();
    expect(page.body.items.map((item) => item.name)).toEqual([signedPlugin.name, unsignedPlugin.name]);
    expect(page.body.facets.verdicts).toEqual(
      expect.arrayContaining([
        { value: 'trusted', count: 1 },
        { value: 'untrusted', count: 1 },
      ]),
    );
  });

  it.skipIf(unavailable)('is untrusted at once when the signer is revoked', async () => {
    const revocation = await world.send('POST', `/api/v1/signers/${signer.id}/revoke`, {
      reason: 'Key leaked',
    });
    expect(revocation.status).toBe(200);

    const verdict = await world.verdict(signedPlugin.name);
    const summary = await world.summary(signedPlugin.name);

    expect(verdict.verdict).toBe('untrusted');
    expect(verdict.reasons[0]?.message).toBe(
      'Signed by Lab release key, whose approval was revoked: Key leaked.',
    );
    expect(summary?.verdict?.verdict).toBe('untrusted');
  });

  it.skipIf(unavailable)('lists the verdict changes in the admin overview', async () => {
    const response = await world.send<AdminOverview>('GET', '/api/v1/admin/overview');

    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ trusted: 0, warning: 0, untrusted: 2 });
    const changes = response.body.recentChanges.filter((change) => change.plugin === signedPlugin.name);
    expect(changes[0]).toMatchObject({ from: 'trusted', to: 'untrusted', version });
    expect(changes.map((change) => `${change.from}>${change.to}`)).toEqual(
      expect.arrayContaining(['warning>trusted', 'trusted>untrusted']),
    );
    expect(response.body.staleScans).toEqual([
      expect.objectContaining({ plugin: unsignedPlugin.name, status: 'missing' }),
    ]);
  });

  it.skipIf(unavailable)('lists signers waiting for review in the admin overview', async () => {
    const pending = await world.send<Signer>('POST', '/api/v1/signers', {
      kind: 'identity',
      displayName: 'Pending CI identity',
      san: 'ci@lab.example',
      issuer: 'https://issuer.lab.example',
    });
    expect(pending.status).toBe(201);

    const response = await world.send<AdminOverview>('GET', '/api/v1/admin/overview');

    expect(response.body.pendingSigners).toEqual([
      expect.objectContaining({ id: pending.body.id, displayName: 'Pending CI identity', kind: 'identity' }),
    ]);
    expect(response.body.pendingSignerTotal).toBe(1);
  });

  it.skipIf(unavailable)('rejects the overview for reviewers', async () => {
    const reviewer = await createUserAndSignIn(world.assay, 'reviewer');

    const response = await reviewer.fetch('/api/v1/admin/overview');

    expect(response.status).toBe(403);
  });

  it.skipIf(unavailable)('is untrusted for an unsigned image', async () => {
    const verdict = await world.verdict(unsignedPlugin.name);

    expect(verdict.verdict).toBe('untrusted');
    expect(codes(verdict.reasons)).toEqual(['unsigned', 'scan-missing', 'policy-version']);
  });

  it.skipIf(unavailable)('is untrusted when the tag moves to another image', async () => {
    await world.send('POST', `/api/v1/signers/${signer.id}/approve`, {});
    await pushImage(world.registry.url, signedPlugin.repository, version, {
      content: 'pushed after registration',
    });
    await world.assay.server.syncNow({ force: true });

    const verdict = await world.verdict(signedPlugin.name);

    expect(verdict.verdict).toBe('untrusted');
    expect(verdict.digest).toBe(world.signedDigest);
    expect(verdict.reasons[0]?.code).toBe('tag-moved');
    expect(codes(verdict.reasons)).toContain('signed-by-approved');
  });

  it.skipIf(unavailable)('answers 404 for an unknown version', async () => {
    const response = await world.assay.getJson<{ error: { code: string } }>(
      `/api/v1/plugins/${signedPlugin.name}/versions/9.9.9/verdict`,
    );

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not-found');
  });
});
