import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { ErrorBody } from '../../src/contract/errors.ts';
import type { TrustPolicyVersion } from '../../src/contract/policy.ts';
import type { FindingsPage, ScanComparison, ScanReportInfo, VersionScan } from '../../src/contract/scan.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { pushAttestations, vulnAttestationLayer } from './attestation-harness.ts';
import { fixtureFiles, readFixture } from './fixtures.ts';
import {
  missingVersion,
  newerVersion,
  olderVersion,
  reportForm,
  scannedPlugin,
  scanPath,
  startScanAssay,
  type ScanAssay,
} from './scan-assay.ts';
import { mergedTrivyReport } from './store-harness.ts';

const attestationKey = generateSigningKey();

describe.each(engineCases)('scan API on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let setup: ScanAssay;
  let admin: TestSession;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    setup = await startScanAssay(database);
    admin = await createUserAndSignIn(setup.assay, 'admin');
  });

  afterAll(async () => {
    await setup?.stop();
    await database?.drop();
  });

  const getJson = <T>(path: string) => setup.assay.getJson<T>(path);

  it.skipIf(unavailable)('shows a version without reports and why it cannot be rescanned', async () => {
    const { status, body } = await getJson<VersionScan>(scanPath(olderVersion));

    expect(status).toBe(200);
    expect(body).toMatchObject({
      plugin: scannedPlugin,
      version: olderVersion,
      digest: setup.digests.older,
      reports: [],
      staleAfterDays: 7,
    });
    expect(body.current).toBeUndefined();
    expect(body.rescan).toEqual({ available: false });
    const asAdmin = (await (await admin.fetch(scanPath(olderVersion))).json()) as VersionScan;
    expect(asAdmin.rescan).toEqual({
      available: false,
      unavailableReason: 'No scanner is configured; set ASSAY_SCANNER_URL to a Harbor-API scanner adapter.',
    });
  });

  it.skipIf(unavailable)('answers not-found for a version without findings', async () => {
    const { status, body } = await getJson<ErrorBody>(scanPath(olderVersion, '/findings'));

    expect(status).toBe(404);
    expect(body.error.message).toContain('No scan report exists');
  });

  it.skipIf(unavailable)('shows an attestation with its signer from the signer table', async () => {
    const created = await admin.fetch('/api/v1/signers', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'key',
        displayName: 'Threshold CI',
        publicKeyPem: attestationKey.publicKeyPem,
        scope: [`${setup.registry.host}/plugins`],
        approve: true,
      }),
    });
    expect(created.status).toBe(201);
    await pushAttestations(setup.registry.url, 'plugins/threshold', setup.digests.older, [
      vulnAttestationLayer({ digest: setup.digests.older, key: attestationKey }),
    ]);

    await setup.assay.server.checkAttestationsNow();

    const { body } = await getJson<VersionScan>(scanPath(olderVersion));
    expect(body.current?.source).toBe('attestation');
    expect(body.current?.attestation).toMatchObject({
      status: 'valid',
      reason: 'ok',
      signerRef: attestationKey.fingerprint,
      signerName: 'Threshold CI',
    });
    expect(body.current?.attestation?.trustState).toBe('approved');
    expect(body.current).toMatchObject({
      scannerName: 'Trivy',
      scannerVersion: '0.50.1',
      databaseVersion: 'v2-2024050106',
      stale: true,
    });
    expect(body.current?.summary).toMatchObject({ total: 2, fixable: 1, notFixable: 1 });
  });

  it.skipIf(unavailable)('stores an uploaded report and shows the newest verified one first', async () => {
    const upload = await admin.fetch(scanPath(olderVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(mergedTrivyReport(new Date().toISOString()))),
    });
    const stored = (await upload.json()) as ScanReportInfo;

    const { body } = await getJson<VersionScan>(scanPath(olderVersion));
    expect(upload.status).toBe(201);
    expect(stored).toMatchObject({ source: 'upload', format: 'trivy', stale: false, ageDays: 0 });
    expect(stored.uploadedBy).toBe(admin.user.username);
    expect(body.reports.map((report) => report.source)).toEqual(['upload', 'attestation']);
    expect(body.current?.summary.total).toBe(4);
  });

  it.skipIf(unavailable)('pages, filters and sorts findings', async () => {
    const { body } = await getJson<FindingsPage>(
      `${scanPath(olderVersion, '/findings')}?severity=high&severity=critical&fixable=true&sort=cvss&order=asc`,
    );

    expect(body.items.map((finding) => finding.vulnerabilityId)).toEqual([
      'CVE-2019-14806',
      'CVE-2019-18224',
    ]);
    expect(body.total).toBe(2);
  });

  it.skipIf(unavailable)('reads findings of an older report by id', async () => {
    const { body: overview } = await getJson<VersionScan>(scanPath(olderVersion));
    const attestation = overview.reports.find((report) => report.source === 'attestation');

    const { body } = await getJson<FindingsPage>(
      `${scanPath(olderVersion, '/findings')}?report=${attestation?.id}`,
    );

    expect(body.reportId).toBe(attestation?.id);
    expect(body.total).toBe(2);
  });

  it.each([
    ['severity=severe', 'severity'],
    ['fixable=yes', 'fixable'],
    ['pageSize=500', 'pageSize'],
    ['sort=age', 'sort'],
  ])('rejects the findings query %s', async (query, path) => {
    if (unavailable) return;

    const { status, body } = await getJson<ErrorBody>(`${scanPath(olderVersion, '/findings')}?${query}`);

    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid-input');
    expect((body.error.details as Array<{ path: string }>)[0]?.path).toContain(path);
  });

  it.skipIf(unavailable)('rejects a report id of another version', async () => {
    const { body: overview } = await getJson<VersionScan>(scanPath(olderVersion));

    const { status } = await getJson<ErrorBody>(
      `${scanPath(newerVersion, '/findings')}?report=${overview.current?.id}`,
    );

    expect(status).toBe(404);
  });

  it.skipIf(unavailable)('compares the findings of two versions', async () => {
    const pip = readFixture(fixtureFiles.pip);
    const upload = await admin.fetch(scanPath(newerVersion, '/upload'), {
      method: 'POST',
      body: reportForm(pip),
    });
    expect(upload.status).toBe(201);

    const { status, body } = await getJson<ScanComparison>(
      `/api/v1/plugins/${scannedPlugin}/compare?from=${olderVersion}&to=${newerVersion}`,
    );

    expect(status).toBe(200);
    expect(body.counts).toEqual({ added: 0, fixed: 2, unchanged: 2 });
    expect(body.fixed.map((finding) => finding.vulnerabilityId)).toEqual([
      'CVE-2019-18224',
      'CVE-2019-18276',
    ]);
    expect(body.unchanged.map((finding) => finding.vulnerabilityId)).toEqual([
      'CVE-2019-14806',
      'CVE-2020-28724',
    ]);
    expect(body.from.report?.source).toBe('upload');
    expect(body.truncated).toBe(false);
  });

  it.skipIf(unavailable)('compares in the other direction as added findings', async () => {
    const { body } = await getJson<ScanComparison>(
      `/api/v1/plugins/${scannedPlugin}/compare?from=${newerVersion}&to=${olderVersion}`,
    );

    expect(body.counts).toEqual({ added: 2, fixed: 0, unchanged: 2 });
  });

  it.skipIf(unavailable)('rejects a comparison without both versions', async () => {
    const missing = await getJson<ErrorBody>(`/api/v1/plugins/${scannedPlugin}/compare?from=${olderVersion}`);
    const unknown = await getJson<ErrorBody>(
      `/api/v1/plugins/${scannedPlugin}/compare?from=${olderVersion}&to=9.9.9`,
    );

    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('to');
    expect(unknown.status).toBe(404);
  });

  it.skipIf(unavailable)('marks a version whose image is missing as having no digest', async () => {
    const { body } = await getJson<VersionScan>(scanPath(missingVersion));

    expect(body.digest).toBeUndefined();
    expect(body.reports).toEqual([]);
  });

  it.skipIf(unavailable)('shows the severity indicator in the catalog and filters by it', async () => {
    const all = await getJson<CatalogPage>('/api/v1/plugins?q=threshold');
    const clean = await getJson<CatalogPage>('/api/v1/plugins?q=threshold&noCritical=true');

    const summary = all.body.items.find((item) => item.name === scannedPlugin);
    expect(summary?.scan).toMatchObject({ highestSeverity: 'high', total: 2, stale: true });
    expect(summary?.scan?.bySeverity.critical).toBe(0);
    expect(clean.body.items.map((item) => item.name)).toEqual([scannedPlugin]);
  });

  it.skipIf(unavailable)(
    'leaves plugins without a scan out of the "no critical findings" filter',
    async () => {
      const { body } = await getJson<CatalogPage>('/api/v1/plugins?noCritical=true');

      expect(body.items.map((item) => item.name)).toEqual([scannedPlugin]);
    },
  );

  it.skipIf(unavailable)("marks reports stale by the trust policy's maximum scan age", async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
    const upload = await admin.fetch(scanPath(newerVersion, '/upload'), {
      method: 'POST',
      body: reportForm(JSON.stringify(mergedTrivyReport(tenDaysAgo))),
    });
    const stored = (await upload.json()) as ScanReportInfo;
    const reportOf = async () => {
      const { body } = await getJson<VersionScan>(scanPath(newerVersion));
      return { staleAfterDays: body.staleAfterDays, report: body.reports.find((r) => r.id === stored.id) };
    };
    const indicator = async () =>
      (await getJson<CatalogPage>('/api/v1/plugins?q=threshold')).body.items.find(
        (item) => item.name === scannedPlugin,
      )?.scan;
    const before = { overview: await reportOf(), indicator: await indicator() };

    const policy = (await getJson<TrustPolicyVersion>('/api/v1/policy')).body;
    const edit = await admin.fetch('/api/v1/policy', {
      method: 'PUT',
      body: JSON.stringify({
        baseVersion: policy.version,
        reason: 'Scans are renewed monthly',
        policy: { ...policy.policy, maxScanAgeDays: 30 },
      }),
    });
    expect(edit.status).toBe(200);

    expect(before.overview).toMatchObject({ staleAfterDays: 7, report: { stale: true, ageDays: 10 } });
    expect(before.indicator).toMatchObject({ generatedAt: stored.generatedAt, stale: true });
    expect(await reportOf()).toMatchObject({ staleAfterDays: 30, report: { stale: false, ageDays: 10 } });
    expect(await indicator()).toMatchObject({ generatedAt: stored.generatedAt, stale: false });
  });
});
