import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportSummary } from '../../src/contract/exports.ts';
import type { AuditPage } from '../../src/contract/audit.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

describe.each(engineCases)('export downloads on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;

  async function addSigner(body: Record<string, unknown>): Promise<void> {
    const response = await admin.fetch('/api/v1/signers', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(201);
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin', { username: 'exporter' });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('refuses a download while no signer is approved', async () => {
    await addSigner({
      kind: 'key',
      displayName: 'Pending key',
      publicKeyPem: generateSigningKey().publicKeyPem,
    });

    const response = await admin.fetch('/api/v1/exports/kyverno');

    expect(response.status).toBe(409);
  });

  it.skipIf(unavailable)('describes the files with the approved signers only', async () => {
    await addSigner({
      kind: 'key',
      displayName: 'Approved key',
      publicKeyPem: generateSigningKey().publicKeyPem,
      approve: true,
      scope: ['docker.io/polusai'],
    });
    await addSigner({
      kind: 'identity',
      displayName: 'Approved bot',
      san: 'bot@example.org',
      issuer: 'https://issuer.example.org',
      approve: true,
    });

    const response = await admin.fetch('/api/v1/exports');
    const summary = (await response.json()) as ExportSummary;

    expect(response.status).toBe(200);
    expect(summary.signers.map((signer) => signer.displayName)).toEqual(['Approved bot', 'Approved key']);
    expect(summary.files.map((file) => file.format)).toEqual([
      'cluster-image-policy',
      'kyverno',
      'containers-policy',
    ]);
    const containers = summary.files.find((file) => file.format === 'containers-policy');
    expect(containers?.omitted.map((entry) => entry.displayName)).toEqual(['Approved bot']);
  });

  it.skipIf(unavailable).each([
    { format: 'cluster-image-policy', type: /^application\/yaml/, file: 'assay-cluster-image-policies.yaml' },
    { format: 'kyverno', type: /^application\/yaml/, file: 'assay-kyverno-verify-images.yaml' },
    { format: 'containers-policy', type: /^application\/json/, file: 'policy.json' },
  ])('downloads the $format file and audits it', async ({ format, type, file }) => {
    const response = await admin.fetch(`/api/v1/exports/${format}`);
    const body = await response.text();
    const audit = (await (
      await admin.fetch('/api/v1/audit-events?action=policy.export&limit=1')
    ).json()) as AuditPage;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    expect(() => YAML.parseAllDocuments(body)).not.toThrow();
    expect(audit.items[0]).toMatchObject({
      actor: { name: 'exporter' },
      targetType: 'trust-policy',
      targetId: '1',
      after: { format },
    });
  });

  it.skipIf(unavailable)('never writes a keyless identity as a Kyverno pattern', async () => {
    await addSigner({
      kind: 'identity',
      displayName: 'Stored pattern',
      san: 'placeholder@example.org',
      issuer: 'https://issuer.example.org',
      approve: true,
      scope: ['ghcr.io/patterns'],
    });
    // Input checks now reject "*"; a record stored before them, or read from a certificate, may hold one.
    await assay.server.database.db
      .updateTable('signers')
      .set({ identity_san: '*' })
      .where('display_name', '=', 'Stored pattern')
      .execute();

    const withOthers = await admin.fetch('/api/v1/exports/kyverno');
    const withOthersText = await withOthers.text();
    const bot = await assay.server.database.db
      .selectFrom('signers')
      .select('id')
      .where('display_name', '=', 'Approved bot')
      .executeTakeFirstOrThrow();
    await admin.fetch(`/api/v1/signers/${bot.id}/revoke`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Leaves the pattern signer alone in its scope' }),
    });
    const summary = (await (await admin.fetch('/api/v1/exports')).json()) as ExportSummary;
    const alone = await admin.fetch('/api/v1/exports/kyverno');
    const error = (await alone.json()) as { error: { code: string; message: string } };
    const clusterImagePolicy = await admin.fetch('/api/v1/exports/cluster-image-policy');

    expect(withOthers.status).toBe(200);
    expect(withOthersText).toContain('#   "Stored pattern"');
    expect(withOthersText).not.toContain('subject: "*"');
    expect(summary.files.find((file) => file.format === 'kyverno')?.unavailable).toContain(
      'every approved signer for ghcr.io/patterns',
    );
    expect(alone.status).toBe(409);
    expect(error.error.message).toContain('The Kyverno policy cannot be written');
    expect(clusterImagePolicy.status).toBe(200);
    expect(await clusterImagePolicy.text()).toContain('subject: "*"');
  });

  it.skipIf(unavailable)('rejects an unknown format', async () => {
    const response = await admin.fetch('/api/v1/exports/helm-chart');

    expect(response.status).toBe(400);
  });

  it.skipIf(unavailable)('rejects reviewers', async () => {
    const reviewer = await createUserAndSignIn(assay, 'reviewer');

    const summary = await reviewer.fetch('/api/v1/exports');
    const file = await reviewer.fetch('/api/v1/exports/kyverno');

    expect(summary.status).toBe(403);
    expect(file.status).toBe(403);
  });
});
