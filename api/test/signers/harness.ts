import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CatalogPage } from '../../src/contract/catalog.ts';
import type { Signer, VersionSignatures } from '../../src/contract/signer.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { fixtureManifestDir, startTestAssay, type TestAssay } from '../support/assay.ts';
import {
  buildSignatureManifest,
  createCertificateAuthority,
  createTestRekorLog,
  pushSignatureManifest,
  signLayer,
  type SignatureLayer,
  type TestCertificateAuthority,
  type TestRekorLog,
} from '../support/cosign/index.ts';
import type { TestDatabase } from '../support/database.ts';
import {
  createCountingFetch,
  startRegistry,
  type CountedRequest,
  type TestRegistry,
} from '../support/registry/index.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const baseManifest = JSON.parse(
  readFileSync(
    path.join(fixtureManifestDir, 'PolusAI__image-tools__features__nyxus-tool__plugin.json'),
    'utf8',
  ),
) as Record<string, unknown>;

/** A folder of WIPP manifests, one plugin per call, for the catalog to import. */
export class ManifestFolder {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'assay-signers-manifests-'));

  /** Writes a manifest for plugin `name` version `version` whose containerId is `containerId`. */
  add(name: string, version: string, containerId: string): void {
    const manifest = { ...baseManifest, name, title: name, version, containerId };
    writeFileSync(path.join(this.dir, `${name}__${version}__plugin.json`), JSON.stringify(manifest, null, 2));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * What the signer tests run against: a real registry, a certificate authority and a Rekor log whose
 * roots are configured through ASSAY_TRUST_ROOTS_DIR and ASSAY_REKOR_KEYS_DIR, and folders for them.
 */
export interface SignerWorld {
  registry: TestRegistry;
  manifests: ManifestFolder;
  authority: TestCertificateAuthority;
  log: TestRekorLog;
  trustDir: string;
  env: Record<string, string>;
  /** `host/repository` as signer scopes and trust states name a repository. */
  repositoryPath(repository: string): string;
  containerId(repository: string, tag: string): string;
  /** Pushes a `.sig` manifest with these layers for `digest`. */
  pushSignatures(repository: string, digest: string, layers: SignatureLayer[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startSignerWorld(options: { maxLayers?: number } = {}): Promise<SignerWorld> {
  const registry = await startRegistry();
  const manifests = new ManifestFolder();
  const authority = await createCertificateAuthority('Signer test CA', new Date('2024-01-01T00:00:00Z'));
  const log = createTestRekorLog();
  const trustDir = mkdtempSync(path.join(tmpdir(), 'assay-signers-trust-'));
  mkdirSync(path.join(trustDir, 'roots'));
  mkdirSync(path.join(trustDir, 'rekor'));
  writeFileSync(path.join(trustDir, 'roots', 'test-ca.pem'), authority.root.pem);
  writeFileSync(path.join(trustDir, 'rekor', 'test-log.pub'), log.publicKeyPem);

  return {
    registry,
    manifests,
    authority,
    log,
    trustDir,
    env: {
      ASSAY_MANIFEST_DIR: manifests.dir,
      ASSAY_TRUST_ROOTS_DIR: path.join(trustDir, 'roots'),
      ASSAY_REKOR_KEYS_DIR: path.join(trustDir, 'rekor'),
      ASSAY_SIGNATURE_MAX_LAYERS: String(options.maxLayers ?? 8),
    },
    repositoryPath: (repository) => `${registry.host}/${repository}`,
    containerId: (repository, tag) => `${registry.host}/${repository}:${tag}`,
    async pushSignatures(repository, digest, layers) {
      await pushSignatureManifest(registry.url, repository, digest, buildSignatureManifest(layers));
    },
    async stop() {
      await registry.stop();
      manifests.remove();
      rmSync(trustDir, { recursive: true, force: true });
    },
  };
}

/** A running Assay with the world's registry configured and a signed-in administrator. */
export interface SignerApp {
  assay: TestAssay;
  admin: TestSession;
  /** Every request Assay sent to the registry. */
  registryRequests: CountedRequest[];
  signatures(plugin: string, version: string): Promise<VersionSignatures>;
  /** The catalog summary of one plugin. */
  summary(plugin: string): Promise<CatalogPage['items'][number]>;
  /** Sends a JSON request as the administrator and returns the status and parsed body. */
  send<T = unknown>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }>;
  addSigner(body: Record<string, unknown>): Promise<Signer>;
}

export async function startSignerApp(world: SignerWorld, database: TestDatabase): Promise<SignerApp> {
  const counting = createCountingFetch();
  const source = createHttpRegistrySource(
    { host: world.registry.host, url: world.registry.url, timeoutMs: 5000 },
    { fetch: counting.fetch },
  );
  const assay = await startTestAssay({ database, env: world.env, registrySources: [source] });
  const admin = await createUserAndSignIn(assay, 'admin');

  async function send<T>(method: string, pathname: string, body?: unknown) {
    const response = await admin.fetch(pathname, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  return {
    assay,
    admin,
    registryRequests: counting.requests,
    async signatures(plugin, version) {
      const response = await assay.getJson<VersionSignatures>(
        `/api/v1/plugins/${encodeURIComponent(plugin)}/versions/${encodeURIComponent(version)}/signatures`,
      );
      if (response.status !== 200)
        throw new Error(`signatures of ${plugin} ${version}: HTTP ${response.status}`);
      return response.body;
    },
    async summary(plugin) {
      const response = await assay.getJson<CatalogPage>('/api/v1/plugins?pageSize=100');
      const item = response.body.items.find((entry) => entry.name === plugin);
      if (item === undefined) throw new Error(`plugin ${plugin} is not in the catalog`);
      return item;
    },
    send,
    async addSigner(body) {
      const response = await send<Signer>('POST', '/api/v1/signers', body);
      if (response.status !== 201)
        throw new Error(`adding a signer failed: ${JSON.stringify(response.body)}`);
      return response.body;
    },
  };
}

/** A keyless signature layer: a leaf for `identity` from the world's authority, logged at a time inside its validity. */
export async function keylessLayer(
  world: SignerWorld,
  digest: string,
  identity: { san: string; issuer: string },
  options: { logged?: boolean } = {},
): Promise<SignatureLayer> {
  const notBefore = new Date('2024-05-01T10:00:00Z');
  const leaf = await world.authority.issueLeaf({
    emails: [identity.san],
    oidcIssuer: identity.issuer,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 10 * 60_000),
  });
  return signLayer({
    key: leaf.key,
    digest,
    certificate: { leaf, chain: [world.authority.intermediate, world.authority.root] },
    ...(options.logged === false
      ? {}
      : { rekor: { log: world.log, integratedTime: new Date(notBefore.getTime() + 60_000) } }),
  });
}
