import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../src/audit/record.ts';
import type { AuditEvent, AuditPage } from '../../src/contract/audit.ts';
import type { PluginDetail } from '../../src/contract/catalog.ts';
import type { Review } from '../../src/contract/reviews.ts';
import type { Signer } from '../../src/contract/signer.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUser, createUserAndSignIn, type TestSession } from '../support/session.ts';

const plugin = 'nyxus-tool';
const version = '0.1.9-dev0';
const digest = `sha256:${'ab'.repeat(32)}`;
const fixtureFile = 'PolusAI__image-tools__features__nyxus-tool__plugin.json';
const system = null;

describe.each(engineCases)('audit target names on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let manifestDir: string;
  let assay: TestAssay;
  let admin: TestSession;
  let title: string;
  let signer: Signer;
  let review: Review;
  let events: AuditEvent[];

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-audit-names-'));
    copyFileSync(path.join(fixtureManifestDir, fixtureFile), path.join(manifestDir, 'nyxus.json'));
    assay = await startTestAssay({ database, env: { ASSAY_MANIFEST_DIR: manifestDir } });
    await assay.server.syncNow();
    const { db } = assay.server.database;
    admin = await createUserAndSignIn(assay, 'admin', { username: 'auditor' });
    const author = await createUserAndSignIn(assay, 'reviewer', {
      username: 'erin',
      displayName: 'Erin Example',
    });
    title = (await assay.getJson<PluginDetail>(`/api/v1/plugins/${plugin}`)).body.title;

    // A signer renamed after it was created: every event of it shows the current name.
    signer = (await (
      await admin.fetch('/api/v1/signers', {
        method: 'POST',
        body: JSON.stringify({
          kind: 'identity',
          displayName: 'Lab CI identity',
          san: 'ci@lab.example',
          issuer: 'https://issuer.lab.example',
        }),
      })
    ).json()) as Signer;
    await admin.fetch(`/api/v1/signers/${signer.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ displayName: 'Lab release pipeline' }),
    });

    const promoted = await createUser(assay, {
      role: 'reviewer',
      username: 'carol',
      displayName: 'Carol Ng',
    });
    await admin.fetch(`/api/v1/users/${promoted.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'admin' }),
    });
    const removed = await createUser(assay, { role: 'reviewer', username: 'dave' });
    await admin.fetch(`/api/v1/users/${removed.id}`, { method: 'DELETE' });

    const posted = await author.fetch(`/api/v1/plugins/${plugin}/versions/${version}/reviews`, {
      method: 'POST',
      body: JSON.stringify({ stars: 2, text: 'Spam' }),
    });
    review = ((await posted.json()) as { review: Review }).review;
    await admin.fetch(`/api/v1/reviews/${review.id}/hide`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'advertising' }),
    });

    await admin.fetch('/api/v1/invitations', {
      method: 'POST',
      body: JSON.stringify({ role: 'reviewer', note: 'Imaging core staff' }),
    });

    // Targets whose actions need a registry or a scanner are recorded directly, with real ids.
    await db
      .updateTable('plugin_versions')
      .set({ registered_digest: digest })
      .where('plugin_id', '=', plugin)
      .where('version', '=', version)
      .execute();
    const direct = [
      { action: 'scan.upload', targetType: 'image', targetId: digest },
      { action: 'image.refresh', targetType: 'plugin-version', targetId: `${plugin}@${version}` },
      { action: 'policy.update', targetType: 'trust-policy', targetId: '2' },
      { action: 'auth.failure-burst', targetType: 'address', targetId: '127.0.0.1' },
      { action: 'signer.revoke', targetType: 'signer', targetId: 'no-such-signer' },
      { action: 'image.refresh', targetType: 'plugin-version', targetId: 'no-such-plugin@1.0.0' },
    ];
    for (const event of direct) await recordAuditEvent(db, { actor: system, ...event });

    events = ((await (await admin.fetch('/api/v1/audit-events?limit=200')).json()) as AuditPage).items;
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
    if (manifestDir) rmSync(manifestDir, { recursive: true, force: true });
  });

  function nameOf(action: string, targetId?: string): string | undefined {
    const event = events.find(
      (candidate) =>
        candidate.action === action && (targetId === undefined || candidate.targetId === targetId),
    );
    if (event === undefined) throw new Error(`no ${action} event for ${targetId ?? 'any target'} in the log`);
    return event.targetName;
  }

  it.skipIf(unavailable)('names a signer by its current name', () => {
    expect(nameOf('signer.create', signer.id)).toBe('Lab release pipeline');
    expect(nameOf('signer.update', signer.id)).toBe('Lab release pipeline');
  });

  it.skipIf(unavailable).each([
    { action: 'user.role-change', expected: 'Carol Ng (carol)' },
    { action: 'user.delete', expected: 'dave (deleted account)' },
  ])('names the user of $action', ({ action, expected }) => {
    expect(nameOf(action)).toBe(expected);
  });

  it.skipIf(unavailable)('names a review by its author and plugin version', () => {
    expect(nameOf('review.hide', review.id)).toBe(`Review by Erin Example (erin) of ${title} ${version}`);
  });

  it.skipIf(unavailable)('names an invitation by its role and note', () => {
    expect(nameOf('invitation.create')).toBe('Reviewer invitation: Imaging core staff');
  });

  it.skipIf(unavailable).each([
    { action: 'scan.upload', targetId: digest, expected: () => `${title} ${version}` },
    { action: 'image.refresh', targetId: `${plugin}@${version}`, expected: () => `${title} ${version}` },
    { action: 'policy.update', targetId: '2', expected: () => 'Trust policy version 2' },
  ])('names the $action target $targetId', ({ action, targetId, expected }) => {
    expect(nameOf(action, targetId)).toBe(expected());
  });

  it.skipIf(unavailable).each([
    { action: 'auth.failure-burst', targetId: '127.0.0.1' },
    { action: 'signer.revoke', targetId: 'no-such-signer' },
    { action: 'image.refresh', targetId: 'no-such-plugin@1.0.0' },
  ])('leaves the $action target $targetId unnamed', ({ action, targetId }) => {
    expect(nameOf(action, targetId)).toBeUndefined();
  });

  it.skipIf(unavailable)('exports the target name as a CSV column', async () => {
    const response = await admin.fetch(`/api/v1/audit-events/export?format=csv&targetId=${signer.id}`);
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;

    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.target_name).toBe('Lab release pipeline');
  });
});
