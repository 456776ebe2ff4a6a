import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { RegistryDirectory } from '../../src/registry/directory.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { buildVulnAttestationStatement } from '../../src/scans/attestation.ts';
import type { AttestationImportDeps } from '../../src/scans/attestations/import.ts';
import { defaultScanReportLimits } from '../../src/scans/parsers/parse-scan-report.ts';
import type { SignatureTrust } from '../../src/signatures/index.ts';
import { vulnPredicateType } from '../../src/scans/parsers/cosign-vuln.ts';
import {
  buildBundle,
  buildBundleReferrer,
  buildReferrersIndex,
  bundleV03MediaType,
  pushManifest as pushBuiltManifest,
  signDsse,
  type BuiltManifest,
  type DsseSignature,
  type TestCertificate,
  type TestLogEntry,
  type TestRekorLog,
  type TestSigningKey,
} from '../support/cosign/index.ts';
import {
  pushBlob,
  pushImage,
  pushManifest,
  type PushedImage,
  type RegistryCredentials,
} from '../support/registry/index.ts';
import { fixtureFiles, readFixtureJson } from './fixtures.ts';

export const dsseMediaType = 'application/vnd.dsse.envelope.v1+json';
const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
const emptyConfig = new TextEncoder().encode('{}');

/**
 * Builds attestation import dependencies that read the registry at `registry` with a fixed trust, a
 * clock at 2024-05-03 and a silent logger. `overrides` replaces any of them.
 */
export function attestationImportDeps(
  db: Kysely<Database>,
  registry: { host: string; url: string; timeoutMs?: number },
  trust: SignatureTrust,
  overrides: Partial<AttestationImportDeps> = {},
): AttestationImportDeps {
  return {
    db,
    directory: new RegistryDirectory([createHttpRegistrySource(registry)]),
    trust: { current: () => Promise.resolve({ trust, fingerprint: 'test-trust' }) },
    reportLimits: defaultScanReportLimits,
    maxLayers: 32,
    maxPlatforms: 16,
    now: () => new Date('2024-05-03T00:00:00Z'),
    newId: randomUUID,
    logger: { debug: () => {}, info: () => {}, warn: () => {} },
    ...overrides,
  };
}

/** One layer of a `.att` manifest: the DSSE envelope bytes and the descriptor's annotations. */
export interface AttestationLayer {
  envelope: Uint8Array;
  annotations: Record<string, string>;
}

/** A keyless signature: the leaf certificate signs, and a test Rekor log records it at `signedAt`. */
export interface KeylessSigning {
  certificate: TestCertificate;
  log: TestRekorLog;
  signedAt: Date;
  /** The Rekor entry kind: `intoto` as `cosign attest` logs, or `dsse` as cosign v3 bundles do. */
  entryKind: 'intoto' | 'dsse';
  /** Records this signature in the entry instead of the real one, as a forged entry would. */
  loggedSignature?: Uint8Array;
}

export interface AttestationOptions {
  /** The digest the attestation is pushed for. */
  digest: string;
  /** The signing key; the certificate's key when `keyless` is set. */
  key?: Pick<TestSigningKey, 'type' | 'privateKey'>;
  keyless?: KeylessSigning;
  /** The statement's subject digest; `digest` when absent. */
  subjectDigest?: string;
  predicateType?: string;
  /** Trivy JSON for `scanner.result`; the debian-buster golden when absent. */
  report?: unknown;
  scanFinishedOn?: string;
}

/** Builds the statement of `options` and signs it the DSSE way. */
function signVulnStatement(options: AttestationOptions): DsseSignature {
  const finishedOn = options.scanFinishedOn ?? '2024-05-01T10:00:00Z';
  const statement = buildVulnAttestationStatement(
    options.subjectDigest ?? options.digest,
    options.report ?? readFixtureJson(fixtureFiles.debianBuster),
    {
      uri: 'pkg:github/aquasecurity/trivy@v0.50.1',
      version: '0.50.1',
      db: { uri: 'pkg:github/aquasecurity/trivy-db', version: 'v2-2024050106' },
      scanStartedOn: '2024-05-01T09:58:00Z',
      scanFinishedOn: finishedOn,
    },
    'registry.test/wipp/threshold',
  );
  const body =
    options.predicateType === undefined ? statement : { ...statement, predicateType: options.predicateType };
  const key = options.keyless?.certificate.key ?? options.key;
  if (key === undefined) throw new TypeError('an attestation needs a key or a keyless certificate');
  return signDsse(key, new TextEncoder().encode(JSON.stringify(body)));
}

function logEntryFor(keyless: KeylessSigning, signed: DsseSignature): TestLogEntry {
  return keyless.log.createEntry({
    payload: signed.payload,
    signature: keyless.loggedSignature ?? signed.signature,
    publicKeyPem: keyless.certificate.pem,
    integratedTime: keyless.signedAt,
    kind: keyless.entryKind,
  });
}

/** Builds and signs one vulnerability attestation layer as `cosign attest --type vuln` writes it. */
export function vulnAttestationLayer(options: AttestationOptions): AttestationLayer {
  const signed = signVulnStatement(options);
  const envelope = {
    payloadType: signed.payloadType,
    payload: Buffer.from(signed.payload).toString('base64'),
    signatures: [{ keyid: '', sig: Buffer.from(signed.signature).toString('base64') }],
  };
  const keyless: Record<string, string> =
    options.keyless === undefined
      ? {}
      : {
          'dev.sigstore.cosign/certificate': options.keyless.certificate.pem,
          'dev.sigstore.cosign/chain': '',
          'dev.sigstore.cosign/bundle': logEntryFor(options.keyless, signed).cosignBundleAnnotation,
        };
  return {
    envelope: new TextEncoder().encode(JSON.stringify(envelope)),
    annotations: {
      'dev.cosignproject.cosign/signature': '',
      predicateType: options.predicateType ?? vulnPredicateType,
      ...keyless,
    },
  };
}

/** A Sigstore bundle referrer to push, with the predicate type its annotations name (empty for none). */
export interface BundleReferrer {
  bundle: Uint8Array;
  predicateType: string;
}

/** Builds a vulnerability attestation as a Sigstore bundle, as `cosign attest --new-bundle-format` stores it. */
export function vulnAttestationBundle(options: AttestationOptions): BundleReferrer {
  const signed = signVulnStatement(options);
  const bundle = buildBundle({
    envelope: signed,
    ...(options.keyless === undefined
      ? {}
      : {
          certificates: [options.keyless.certificate.der],
          logEntries: [logEntryFor(options.keyless, signed)],
        }),
  });
  return { bundle, predicateType: options.predicateType ?? vulnPredicateType };
}

/**
 * Pushes bundle referrers of an image, and the referrers index under its `sha256-<hex>` tag, as OCI 1.1
 * clients do for a registry without the referrers API. The index lists exactly `referrers`.
 */
export async function pushBundleReferrers(
  registryUrl: string,
  repository: string,
  image: PushedImage | Pick<BuiltManifest, 'digest' | 'mediaType' | 'bytes'>,
  referrers: BundleReferrer[],
): Promise<BuiltManifest[]> {
  const subject: BuiltManifest =
    'manifest' in image
      ? {
          mediaType: image.manifest.descriptor.mediaType,
          bytes: image.manifest.bytes,
          digest: image.digest,
          blobs: [],
        }
      : { ...image, blobs: [] };
  const manifests = referrers.map((referrer) =>
    buildBundleReferrer(subject, referrer.bundle, bundleV03MediaType, referrer.predicateType),
  );
  for (const manifest of manifests) await pushBuiltManifest(registryUrl, repository, manifest);
  await pushBuiltManifest(
    registryUrl,
    repository,
    buildReferrersIndex(manifests),
    image.digest.replace(':', '-'),
  );
  return manifests;
}

/** Pushes a `.att` manifest with `layers` to the attestation tag of `digest`; returns the manifest digest. */
export async function pushAttestations(
  registryUrl: string,
  repository: string,
  digest: string,
  layers: AttestationLayer[],
  auth?: RegistryCredentials,
): Promise<string> {
  const config = await pushBlob(registryUrl, repository, emptyConfig, auth);
  const descriptors = [];
  for (const layer of layers) {
    const blob = await pushBlob(registryUrl, repository, layer.envelope, auth);
    descriptors.push({ mediaType: dsseMediaType, ...blob, annotations: layer.annotations });
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: ociManifest,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', ...config },
    layers: descriptors,
  };
  const tag = `${digest.replace(':', '-')}.att`;
  return pushManifest(
    registryUrl,
    repository,
    tag,
    ociManifest,
    new TextEncoder().encode(JSON.stringify(manifest)),
    auth,
  );
}

/**
 * Wraps a log so that each entry claims an integrated time `shiftSeconds` earlier than the time its
 * signed entry timestamp covers, as a backdated forgery would.
 */
export function backdatingLog(log: TestRekorLog, shiftSeconds: number): TestRekorLog {
  return {
    ...log,
    createEntry(content) {
      const entry = log.createEntry(content);
      const annotation = JSON.parse(entry.cosignBundleAnnotation) as { Payload: { integratedTime: number } };
      annotation.Payload.integratedTime -= shiftSeconds;
      const integratedTime = Number(entry.bundleTlogEntry.integratedTime) - shiftSeconds;
      return {
        cosignBundleAnnotation: JSON.stringify(annotation),
        bundleTlogEntry: { ...entry.bundleTlogEntry, integratedTime: String(integratedTime) },
      };
    },
  };
}

/** Returns a function that pushes a new small image to `repository` on each call, with its own digest. */
export function imageFactory(
  registryUrl: string,
  repository: string,
  label: string,
): () => Promise<PushedImage> {
  let count = 0;
  return () => {
    count++;
    return pushImage(registryUrl, repository, `1.0.${count}`, { content: `${label} ${count}` });
  };
}

/** Names a single-platform image for `importImageAttestations`, as the registry host `host` serves it. */
export function attestedImage(host: string, repository: string, image: PushedImage) {
  return { registry: host, repository, digest: image.digest, platformDigests: [] };
}

/** Returns a function that builds keyless signing settings (a dsse entry in `log` at `signedAt`) with overrides. */
export function keylessSigning(
  certificate: () => TestCertificate,
  log: () => TestRekorLog,
  signedAt: Date,
): (overrides?: Partial<KeylessSigning>) => KeylessSigning {
  return (overrides = {}) => ({
    certificate: certificate(),
    log: log(),
    signedAt,
    entryKind: 'dsse',
    ...overrides,
  });
}
