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
