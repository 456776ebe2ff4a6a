import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { Signer } from '../../src/contract/signer.ts';
import type { VersionVerdict } from '../../src/contract/verdict.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import {
  buildSignatureManifest,
  generateSigningKey,
  pushSignatureManifest,
  signLayer,
  type TestSigningKey,
} from '../support/cosign/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { pushImage, startRegistry, type TestRegistry } from '../support/registry/index.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const scanReportDir = path.resolve(import.meta.dirname, '../fixtures/scan-reports');
/** Trivy's debian-buster report: CVE-2019-18224 (critical, fixed in 2.0.5-1+deb10u1) and a low finding. */
const debianReport = 'aquasecurity__trivy__integration__testdata__debian-buster.json.golden';
/** A Trivy report of an image without findings. */
const cleanReport = 'DefectDojo__django-DefectDojo__unittests__scans__trivy__scheme_2_no_vuln.json';

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

export const version = '1.0.0';
/** Signed by the release key, which the tests approve for `<registry>/lab`. */
export const signedPlugin = { name: 'verdict-signed', repository: 'lab/verdict-signed' };
export const unsignedPlugin = { name: 'verdict-unsigned', repository: 'lab/verdict-unsigned' };

export interface VerdictWorld {
  registry: TestRegistry;
  assay: TestAssay;
  admin: TestSession;
  releaseKey: TestSigningKey;
  /** Digest of the signed plugin's image as registered. */
  signedDigest: string;
  /** Sends a JSON request as the administrator. */
  send<T = unknown>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }>;
  verdict(plugin: string): Promise<VersionVerdict>;
  summary(plugin: string, query?: string): Promise<CatalogPage['items'][number] | undefined>;
  addReleaseSigner(options: { approve: boolean; scope?: string[] }): Promise<Signer>;
  /** Uploads a Trivy report for the signed plugin, stamped as generated `hoursAgo` hours ago. */
  uploadScan(kind: 'clean' | 'debian', hoursAgo: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a registry with two plugin images, one signed with a fresh release key, and Assay over them. */
export async function startVerdictWorld(database: TestDatabase): Promise<VerdictWorld> {
  const registry = await startRegistry();
  const manifestDir = mkdtempSync(path.join(tmpdir(), 'assay-verdict-manifests-'));
  const releaseKey = generateSigningKey();

  const signed = await pushImage(registry.url, signedPlugin.repository, version, { content: 'signed image' });
  await pushImage(registry.url, unsignedPlugin.repository, version, { content: 'unsigned image' });
  const layer = signLayer({
    key: releaseKey,
    digest: signed.digest,
    dockerReference: `${registry.host}/${signedPlugin.repository}`,
  });
  await pushSignatureManifest(
    registry.url,
    signedPlugin.repository,
    signed.digest,
    buildSignatureManifest([layer]),
  );

  for (const plugin of [signedPlugin, unsignedPlugin]) {
    const manifest = {
      ...baseManifest,
      name: plugin.name,
      title: plugin.name,
      version,
      containerId: `${registry.host}/${plugin.repository}:${version}`,
    };
    writeFileSync(path.join(manifestDir, `${plugin.name}.json`), JSON.stringify(manifest));
  }

  const assay = await startTestAssay({
    database,
    env: {
      ASSAY_MANIFEST_DIR: manifestDir,
      ASSAY_REGISTRIES: JSON.stringify([{ host: registry.host, url: registry.url, timeoutMs: 5000 }]),
      ASSAY_SIGSTORE_PUBLIC_GOOD: 'false',
    },
  });
  await assay.server.syncNow();
  const admin = await createUserAndSignIn(assay, 'admin');

  async function send<T>(method: string, pathname: string, body?: unknown) {
    const response = await admin.fetch(pathname, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  return {
    registry,
    assay,
    admin,
    releaseKey,
    signedDigest: signed.digest,
    send,
    async verdict(plugin) {
      const response = await assay.getJson<VersionVerdict>(
        `/api/v1/plugins/${plugin}/versions/${version}/verdict`,
      );
      if (response.status !== 200) throw new Error(`verdict of ${plugin}: HTTP ${response.status}`);
      return response.body;
    },
    async summary(plugin, query = '') {
      const response = await assay.getJson<CatalogPage>(`/api/v1/plugins?pageSize=100${query}`);
      return response.body.items.find((item) => item.name === plugin);
    },
    async addReleaseSigner(options) {
      const response = await send<Signer>('POST', '/api/v1/signers', {
        kind: 'key',
        displayName: 'Lab release key',
        publicKeyPem: releaseKey.publicKeyPem,
        approve: options.approve,
        scope: options.scope ?? [`${registry.host}/lab`],
      });
      if (response.status !== 201)
        throw new Error(`adding the signer failed: ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async uploadScan(kind, hoursAgo) {
      const report = JSON.parse(
        readFileSync(path.join(scanReportDir, kind === 'clean' ? cleanReport : debianReport), 'utf8'),
      ) as Record<string, unknown>;
      report.CreatedAt = new Date(Date.now() - hoursAgo * 3600_000).toISOString();
      const form = new FormData();
      form.append('report', new Blob([JSON.stringify(report)], { type: 'application/json' }), `${kind}.json`);
      const response = await admin.fetch(
        `/api/v1/plugins/${signedPlugin.name}/versions/${version}/scan/upload`,
        { method: 'POST', body: form },
      );
      if (response.status !== 201) throw new Error(`scan upload failed: ${await response.text()}`);
    },
    async stop() {
      await assay.stop();
      await registry.stop();
      rmSync(manifestDir, { recursive: true, force: true });
    },
  };
}
