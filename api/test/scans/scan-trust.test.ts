import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { ErrorBody } from '../../src/contract/errors.ts';
import type { ScanReportInfo, VersionScan } from '../../src/contract/scan.ts';
import type { SignerDetail } from '../../src/contract/signer.ts';
import { versionScanForVisitors } from '../../src/scans/overview.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { pushAttestations, vulnAttestationLayer } from './attestation-harness.ts';
import { fixtureFiles, otherDigest, readFixtureJson } from './fixtures.ts';
import {
  newerVersion,
  olderVersion,
  reportForm,
  scannedPlugin,
  scanPath,
  startScanAssay,
  type ScanAssay,
} from './scan-assay.ts';

const unknownKey = generateSigningKey();
const strangerKey = generateSigningKey();

describe.each(engineCases)('scan trust and visibility on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let setup: ScanAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    setup = await startScanAssay(database);
    admin = await createUserAndSignIn(setup.assay, 'admin', { username: 'scan-admin' });
  });

  afterAll(async () => {
    await setup?.stop();
    await database?.drop();
  });

  const catalogScan = async (query = '') => {
    const { body } = await setup.assay.getJson<CatalogPage>(`/api/v1/plugins?q=threshold${query}`);
    return body.items.find((item) => item.name === scannedPlugin);
  };

  it.skipIf(unavailable)('marks an attestation from an unknown key as unverified', async () => {
    // A clean report, signed by a key that no signer record holds, on the newest version.
    const report = readFixtureJson(fixtureFiles.schema2NoVulnerabilities);
    await pushAttestations(setup.registry.url, 'plugins/threshold', setup.digests.newer, [
      vulnAttestationLayer({ digest: setup.digests.newer, key: unknownKey, report }),
    ]);
    await setup.assay.server.checkAttestationsNow();

    const { body } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    const summary = await catalogScan();
    const filtered = await catalogScan('&noCritical=true');

    expect(body.current).toMatchObject({ source: 'attestation', verified: false });
    expect(body.current?.summary.total).toBe(0);
    expect(summary?.scan).toMatchObject({ total: 0, verified: false });
    expect(filtered).toBeUndefined();
  });

  it.skipIf(unavailable)('counts an attestation once its signer is approved', async () => {
    const created = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({ kind: 'key', displayName: 'Lab CI', publicKeyPem: unknownKey.publicKeyPem }),
    });
    const signer = (await created.json()) as { id: string };
    // A new signer changes the trust, so the attestation is verified again, now with a known key.
    await setup.assay.server.checkAttestationsNow();
    const pending = {
      scan: (await setup.assay.getJson<VersionScan>(scanPath(newerVersion))).body.current,
      catalog: (await catalogScan())?.scan,
    };

    const approved = await admin.fetch(`/api/v1/signers/${signer.id}/approve`, {
      method: 'POST',
      body: JSON.stringify({}),
    });
    const after = {
      scan: (await setup.assay.getJson<VersionScan>(scanPath(newerVersion))).body.current,
      catalog: (await catalogScan())?.scan,
    };

    const detail = (await setup.assay.getJson<SignerDetail>(`/api/v1/signers/${signer.id}`)).body;

    expect(created.status).toBe(201);
    expect(approved.status).toBe(200);
    expect(detail.images).toContainEqual(
      expect.objectContaining({ kind: 'attestation', version: newerVersion, state: 'approved' }),
    );
    expect(pending.scan).toMatchObject({ verified: false, attestation: { trustState: 'pending' } });
    expect(pending.catalog?.verified).toBe(false);
    expect(after.scan).toMatchObject({ verified: true, attestation: { trustState: 'approved' } });
    expect(after.catalog?.verified).toBe(true);
  });

  it.skipIf(unavailable)('lists attestations that were rejected, with the reason', async () => {
    await pushAttestations(setup.registry.url, 'plugins/threshold', setup.digests.older, [
      vulnAttestationLayer({ digest: setup.digests.older, key: strangerKey, subjectDigest: otherDigest }),
    ]);
    await setup.assay.server.checkAttestationsNow();

    const { body } = await setup.assay.getJson<VersionScan>(scanPath(olderVersion));

    expect(body.reports).toEqual([]);
    expect(body.attestationsCheckedAt).toEqual(expect.any(String));
    expect(body.rejectedAttestations).toEqual([
      expect.objectContaining({
        digest: setup.digests.older,
        foundIn: 'cosign-tag',
        reason: expect.stringContaining(
          `the attestation is for ${otherDigest}, not for ${setup.digests.older}`,
        ),
      }),
    ]);
  });

  it.skipIf(unavailable)('shows an upload as verified and hides the uploader from visitors', async () => {
    const upload = await admin.fetch(scanPath(newerVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(readFixtureJson(fixtureFiles.pip))),
    });
    const stored = (await upload.json()) as ScanReportInfo;

    const asAdmin = await admin.fetch(scanPath(newerVersion));
    const asVisitor = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    const adminReport = ((await asAdmin.json()) as VersionScan).reports.find((r) => r.id === stored.id);
    const visitorReport = asVisitor.body.reports.find((report) => report.id === stored.id);

    expect(upload.status).toBe(201);
    expect(stored).toMatchObject({ verified: true, uploadedBy: 'scan-admin' });
    expect(adminReport?.uploadedBy).toBe('scan-admin');
    expect(visitorReport).toBeDefined();
    expect(visitorReport?.uploadedBy).toBeUndefined();
    expect((await catalogScan())?.scan).toMatchObject({ verified: true });
  });

  it.skipIf(unavailable)('deletes an uploaded report and audits it', async () => {
    const { body: before } = await admin
      .fetch(scanPath(newerVersion))
      .then(async (response) => ({ body: (await response.json()) as VersionScan }));
    const upload = before.reports.find((report) => report.source === 'upload');

    const response = await admin.fetch(scanPath(newerVersion, `/reports/${upload?.id}`), {
      method: 'DELETE',
    });
    const { body: after } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    const audit = await setup.assay.server.database.db
      .selectFrom('audit_events')
      .select(['action', 'before'])
      .where('action', '=', 'scan.report.delete')
      .executeTakeFirst();

    expect(response.status).toBe(204);
    expect(after.reports.map((report) => report.source)).toEqual(['attestation']);
    expect(audit?.action).toBe('scan.report.delete');
    expect(JSON.parse(audit?.before ?? '{}')).toMatchObject({ reportId: upload?.id, format: 'trivy' });
  });

  it.skipIf(unavailable)('refuses to delete an attestation report', async () => {
    const { body } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    const attestation = body.reports.find((report) => report.source === 'attestation');

    const response = await admin.fetch(scanPath(newerVersion, `/reports/${attestation?.id}`), {
      method: 'DELETE',
    });
    const error = (await response.json()) as ErrorBody;

    expect(response.status).toBe(409);
    expect(error.error.message).toContain('Only uploaded reports can be deleted');
  });

  it.skipIf(unavailable)('answers not-found for a report of another version', async () => {
    const { body } = await setup.assay.getJson<VersionScan>(scanPath(newerVersion));
    const attestation = body.reports.find((report) => report.source === 'attestation');

    const response = await admin.fetch(scanPath(olderVersion, `/reports/${attestation?.id}`), {
      method: 'DELETE',
    });

    expect(response.status).toBe(404);
  });

  it.skipIf(unavailable)('moves the catalog summary to a report whose signer was approved', async () => {
    const key = generateSigningKey();
    const created = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({ kind: 'key', displayName: 'Nightly CI', publicKeyPem: key.publicKeyPem }),
    });
    const signer = (await created.json()) as { id: string };
    const upload = await admin.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(readFixtureJson(fixtureFiles.pip))),
    });
    const uploaded = (await upload.json()) as ScanReportInfo;
    await pushAttestations(setup.registry.url, 'plugins/threshold', setup.digests.older, [
      vulnAttestationLayer({ digest: setup.digests.older, key, scanFinishedOn: new Date().toISOString() }),
    ]);
    await setup.assay.server.checkAttestationsNow();
    const summary = () =>
      setup.assay.server.database.db
        .selectFrom('scan_digest_summaries as s')
        .innerJoin('scan_reports as r', 'r.id', 's.report_id')
        .select(['r.source', 's.verified'])
        .where('s.digest', '=', setup.digests.older)
        .executeTakeFirst();
    const beforeApproval = await summary();

    await admin.fetch(`/api/v1/signers/${signer.id}/approve`, { method: 'POST', body: JSON.stringify({}) });
    await setup.assay.server.checkAttestationsNow();

    expect(uploaded.verified).toBe(true);
    expect(beforeApproval).toEqual({ source: 'upload', verified: 1 });
    expect(await summary()).toEqual({ source: 'attestation', verified: 1 });
  });
});

describe('versionScanForVisitors', () => {
  it('removes who requested a scan and the scanner error', () => {
    const scan = {
      plugin: 'threshold',
      version: '1.0.0',
      platforms: [],
      staleAfterDays: 7,
      reports: [],
      rejectedAttestations: [],
      rescan: {
        available: true,
        latestJob: {
          id: 'job-1',
          digest: otherDigest,
          state: 'failed',
          progress: 'failed',
          error: 'Scanner http://scanner.internal:8080 responded with 500: password=hunter2',
          requestedBy: 'ops',
          reason: 'on-demand',
          startedAt: '2024-05-01T00:00:00.000Z',
          updatedAt: '2024-05-01T00:00:00.000Z',
        },
      },
    } satisfies VersionScan;

    const visible = versionScanForVisitors(scan);

    expect(visible.rescan.latestJob?.requestedBy).toBeUndefined();
    expect(visible.rescan.latestJob?.error).toBe(
      'The scan failed. Administrators can see the reason on this page.',
    );
    expect(JSON.stringify(visible)).not.toContain('hunter2');
  });
});
