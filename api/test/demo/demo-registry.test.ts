import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPage, PluginDetail } from '../../src/contract/catalog.ts';
import type { SignatureTrustState } from '../../src/contract/signature.ts';
import type { VersionScan } from '../../src/contract/scan.ts';
import type { SignerListPage, VersionSignatures } from '../../src/contract/signer.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';

const sqlite = engineCases.find((entry) => entry.engine === 'sqlite')!;

describe('demo registry', () => {
  let database: TestDatabase;
  let assay: TestAssay;
  const versions: VersionSignatures[] = [];
  const scans: VersionScan[] = [];
  let catalog: CatalogPage;

  beforeAll(async () => {
    database = await sqlite.create();
    assay = await startTestAssay({ database, env: { ASSAY_DEMO: 'true' } });
    await assay.server.syncNow();
    await assay.server.checkAttestationsNow();

    catalog = (await assay.getJson<CatalogPage>('/api/v1/plugins?pageSize=100')).body;
    for (const item of catalog.items) {
      const plugin = (await assay.getJson<PluginDetail>(`/api/v1/plugins/${item.name}`)).body;
      for (const version of plugin.versions) {
        if (version.registryState !== 'resolved' && version.registryState !== 'tag-moved') continue;
        const path = `/api/v1/plugins/${item.name}/versions/${encodeURIComponent(version.version)}`;
        versions.push((await assay.getJson<VersionSignatures>(`${path}/signatures`)).body);
        scans.push((await assay.getJson<VersionScan>(`${path}/scan`)).body);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it('checks every demo version with a resolved image', () => {
    expect(versions.length).toBeGreaterThan(80);
    expect(versions.filter((version) => version.check.status !== 'checked')).toEqual([]);
  });

  it('shows every badge in the catalog', () => {
    expect(catalog.facets.signatureStates.map((facet) => facet.value).sort()).toEqual([
      'approved',
      'invalid',
      'unapproved',
      'unsigned',
    ]);
  });

  it('includes every kind of signature state', () => {
    const states = new Set<SignatureTrustState>(
      versions.flatMap((version) =>
        version.subjects.flatMap((subject) => subject.signatures.map((s) => s.state)),
      ),
    );

    expect([...states].sort()).toEqual(['approved', 'invalid', 'out-of-scope', 'pending', 'revoked']);
  });

  it('names the signer of every valid signature', () => {
    const valid = versions.flatMap((version) =>
      version.subjects.flatMap((subject) =>
        subject.signatures.filter((signature) => signature.status === 'valid'),
      ),
    );

    expect(valid.length).toBeGreaterThan(40);
    expect(valid.filter((signature) => signature.signer?.displayName === undefined)).toEqual([]);
  });

  it('shows the keyless identity with its log entry time', () => {
    const keyless = versions
      .flatMap((version) => version.subjects.flatMap((subject) => subject.signatures))
      .find((signature) => signature.kind === 'certificate');

    expect(keyless).toMatchObject({
      state: 'approved',
      certificate: {
        san: 'release-bot@demo.assay.invalid',
        issuer: 'https://issuer.demo.assay.invalid',
        signingTimeSource: 'rekor',
      },
    });
    expect(keyless?.certificate?.logEntryTime).toMatch(/^2024-03-01T12:0/);
  });

  it('shows an attestation report per resolved version', () => {
    expect(scans.length).toBe(versions.length);
    expect(scans.filter((scan) => scan.current?.source !== 'attestation')).toEqual([]);
  });

  it('finds attestations in the .att tag and as Sigstore bundle referrers', () => {
    const places = new Set(scans.map((scan) => scan.current?.attestation?.foundIn));
    const trustStates = new Set(scans.map((scan) => scan.current?.attestation?.trustState));

    expect([...places].sort()).toEqual(['cosign-tag', 'referrer-bundle']);
    expect([...trustStates].sort()).toEqual(['approved', 'out-of-scope', 'pending']);
  });

  it('lists an attestation copied from another image as rejected', () => {
    const rejected = scans.flatMap((scan) => scan.rejectedAttestations);

    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]?.reason).toMatch(/not for (the image digest )?sha256:/);
  });

  it('verifies the keyless bundle attestation with its log entry time', () => {
    const keyless = scans.find((scan) => scan.current?.attestation?.kind === 'certificate')?.current;

    expect(keyless?.attestation).toMatchObject({
      foundIn: 'referrer-bundle',
      status: 'valid',
      trustState: 'approved',
      certificate: { san: 'release-bot@demo.assay.invalid', signingTimeSource: 'rekor' },
    });
    expect(keyless?.attestation?.certificate?.logEntryTime).toMatch(/^2024-03-01T12:0/);
    expect(keyless?.generatedAt).toMatch(/^2024-03-01T11:58/);
    expect(keyless?.stale).toBe(true);
  });

  it('has approved, pending, revoked and discovered signers', async () => {
    const signers = (await assay.getJson<SignerListPage>('/api/v1/signers')).body;

    expect(signers.statusCounts).toEqual({ approved: 3, pending: 2, revoked: 1 });
    expect(signers.items.filter((signer) => signer.origin === 'discovered')).toHaveLength(1);
    expect(signers.items.find((signer) => signer.status === 'revoked')?.statusReason).toContain('moved on');
  });

  it('seeds demo signers only once', async () => {
    await assay.stop();
    assay = await startTestAssay({ database, env: { ASSAY_DEMO: 'true' } });

    const signers = (await assay.getJson<SignerListPage>('/api/v1/signers')).body;

    expect(signers.total).toBe(6);
  });
});
