import { sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dsse } from '@sigstore/core';
import { mediaTypes } from '../registry/types.ts';
import { buildVulnAttestationStatement } from '../scans/attestation.ts';
import {
  attestationTagFor,
  dsseEnvelopeMediaType,
  inTotoPayloadType,
  predicateTypeAnnotation,
} from '../scans/attestations/formats.ts';
import { vulnPredicateType } from '../scans/parsers/cosign-vuln.ts';
import {
  bundlePredicateTypeAnnotation,
  cosignAnnotations,
  sigstoreBundleMediaTypes,
} from '../signatures/formats.ts';
import {
  createDemoRekorLog,
  dsseBundleLogEntry,
  readDemoFile,
  readDemoKey,
  type DemoKey,
  type DemoRekorLog,
} from './demo-signing.ts';
import type { LayoutWriter } from './layout-writer.ts';
import { demoKeyless, type DemoImage } from './signatures.ts';

// Real Trivy output from Trivy's integration test goldens (Apache-2.0), the same files the parser tests read.
const reportsDir = path.resolve(import.meta.dirname, '../../test/fixtures/scan-reports');
const trivyReports = {
  debianBuster: 'aquasecurity__trivy__integration__testdata__debian-buster.json.golden',
  pip: 'aquasecurity__trivy__integration__testdata__pip.json.golden',
  clean: 'DefectDojo__django-DefectDojo__unittests__scans__trivy__scheme_2_no_vuln.json',
} as const;

type TrivyReport = Record<string, unknown> & { Results?: unknown[]; Metadata?: Record<string, unknown> };

function readReport(file: string): TrivyReport {
  return JSON.parse(readFileSync(path.join(reportsDir, file), 'utf8')) as TrivyReport;
}

type Signer = 'namespace' | 'pending' | 'unknown' | 'keyless';

/**
 * One demo scan: which Trivy reports it merges, how many days before the build it ran, who signs it,
 * and where it is stored: the cosign `.att` tag, or a Sigstore bundle referrer as cosign v3 stores it.
 */
interface ScanPlan {
  reports: (keyof typeof trivyReports)[];
  ageDays: number;
  signer: Signer;
  store: 'att-tag' | 'bundle';
}

// Cycles in sorted image order, so neighbouring versions of one plugin differ. Every kind of result
// shows up: criticals, a clean image, stale scans (older than the default 7 days), a scan signed by a
// pending signer, one signed by a key that no signer record contains, and bundles signed with a key
// and with the keyless identity. Fresh scans are at most `maxFreshAgeDays` old when the layout is built.
const plans: ScanPlan[] = [
  { reports: ['debianBuster'], ageDays: 2, signer: 'namespace', store: 'att-tag' },
  { reports: ['clean'], ageDays: 1, signer: 'namespace', store: 'bundle' },
  { reports: ['debianBuster', 'pip'], ageDays: 30, signer: 'namespace', store: 'att-tag' },
  { reports: ['pip'], ageDays: 2, signer: 'pending', store: 'att-tag' },
  { reports: ['pip'], ageDays: 20, signer: 'namespace', store: 'att-tag' },
  { reports: ['debianBuster'], ageDays: 1, signer: 'unknown', store: 'att-tag' },
  // The demo certificate was valid for ten minutes in 2024, so this scan is that old (and stale).
  { reports: ['debianBuster', 'pip'], ageDays: 0, signer: 'keyless', store: 'bundle' },
];

const dayMs = 24 * 60 * 60 * 1000;

/** The age of the oldest fresh demo scan when the layout is built; older plans are stale on purpose. */
export const maxFreshAgeDays = 2;

/**
 * Returns a number that changes once a day (UTC), for the demo layout's stamp. The layout is rebuilt
 * when it changes, at start and by an hourly check while the demo runs. A fresh scan is then at most
 * `maxFreshAgeDays` plus one day and one hour old, younger than the default stale age of 7 days.
 */
export function demoScanEpoch(now: Date): number {
  return Math.floor(now.getTime() / dayMs);
}

/** Merges the planned Trivy reports into one report for the image, as Trivy would write it for `digest`. */
function trivyReportFor(image: DemoImage, plan: ScanPlan, scannedAt: Date): TrivyReport {
  const [first, ...rest] = plan.reports.map((name) => readReport(trivyReports[name]));
  const report: TrivyReport = { ...(first ?? {}) };
  report.Results = [first, ...rest].flatMap((item) => item?.Results ?? []);
  report.CreatedAt = scannedAt.toISOString();
  report.ArtifactName = `index.docker.io/${image.spec.repository}:${image.spec.tag}`;
  report.Metadata = {
    ...(report.Metadata ?? {}),
    RepoDigests: [`${image.spec.repository}@${image.descriptor.digest}`],
  };
  return report;
}

function signDsse(key: KeyObject, statement: Uint8Array): Uint8Array {
  const signed = dsse.preAuthEncoding(inTotoPayloadType, Buffer.from(statement));
  return key.asymmetricKeyType === 'ed25519'
    ? new Uint8Array(sign(null, signed, key))
    : new Uint8Array(sign('sha256', signed, { key, dsaEncoding: 'der' }));
}

/** The keyless demo signer: the certificate, its chain and the log that records its signatures. */
interface KeylessMaterial {
  key: DemoKey;
  certificatePem: string;
  chainPem: string;
  log: DemoRekorLog;
}

/** Builds the signed in-toto statement of a plan's scan of the image. */
function signedStatement(
  image: DemoImage,
  plan: ScanPlan,
  key: DemoKey,
  finishedAt: Date,
): { statement: Uint8Array; signature: Uint8Array } {
  const startedAt = new Date(finishedAt.getTime() - 90_000);
  const databaseBuilt = new Date(finishedAt.getTime() - 6 * 60 * 60 * 1000);
  const databaseVersion = `v2-${databaseBuilt.toISOString().slice(0, 13).replace(/[-T]/g, '')}`;

  const statement = buildVulnAttestationStatement(
    image.descriptor.digest,
    trivyReportFor(image, plan, finishedAt),
    {
      uri: 'pkg:github/aquasecurity/trivy@v0.50.1',
      version: '0.50.1',
      db: { uri: 'pkg:github/aquasecurity/trivy-db', version: databaseVersion },
      scanStartedOn: startedAt.toISOString(),
      scanFinishedOn: finishedAt.toISOString(),
    },
    `index.docker.io/${image.spec.repository}`,
  );
  const payload = new TextEncoder().encode(JSON.stringify(statement));
  return { statement: payload, signature: signDsse(key.privateKey, payload) };
}

/** Writes the `.att` manifest of the image with one signed attestation, as `cosign attest --type vuln` does. */
function writeAttestationTag(
  writer: LayoutWriter,
  image: DemoImage,
  attestations: { statement: Uint8Array; signature: Uint8Array }[],
): void {
  // cosign leaves the signature annotation empty on attestation layers: the signature is in the envelope.
  const layers = attestations.map((signed) => ({
    ...writer.addJson(
      {
        payloadType: inTotoPayloadType,
        payload: Buffer.from(signed.statement).toString('base64'),
        signatures: [{ keyid: '', sig: Buffer.from(signed.signature).toString('base64') }],
      },
      dsseEnvelopeMediaType,
    ),
    annotations: { [cosignAnnotations.signature]: '', [predicateTypeAnnotation]: vulnPredicateType },
  }));
  const config = writer.addJson({}, mediaTypes.ociEmpty);
  const manifest = writer.addJson(
    { schemaVersion: 2, mediaType: mediaTypes.ociManifest, config, layers },
    mediaTypes.ociManifest,
  );
  writer.tag(image.spec.repository, attestationTagFor(image.descriptor.digest), manifest);
}

// v0.3 for key-based bundles, as cosign v3 writes them. The keyless bundle is v0.1, which carries the
// intermediate certificate (the demo trusts only the root) and needs no inclusion proof.
const [bundleV01, , , bundleV03] = sigstoreBundleMediaTypes as [string, string, string, string];

/**
 * Stores the attestation as a Sigstore bundle referrer of the image: an OCI artifact manifest whose
 * subject is the image, listed untagged in the layout as the referrers API would list it.
 */
function writeAttestationBundle(
  writer: LayoutWriter,
  image: DemoImage,
  signed: { statement: Uint8Array; signature: Uint8Array },
  keyless: KeylessMaterial | undefined,
  loggedAt: Date,
): void {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const pemBody = (pem: string) =>
    [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((match) => ({
      rawBytes: (match[1] ?? '').replace(/\s+/g, ''),
    }));
  const mediaType = keyless === undefined ? bundleV03 : bundleV01;
  const verificationMaterial =
    keyless === undefined
      ? { publicKey: { hint: '' }, tlogEntries: [] }
      : {
          x509CertificateChain: {
            certificates: pemBody(keyless.certificatePem + keyless.chainPem),
          },
          tlogEntries: [
            dsseBundleLogEntry(
              keyless.log,
              signed.statement,
              signed.signature,
              keyless.certificatePem,
              loggedAt,
            ),
          ],
        };
  const bundle = {
    mediaType,
    verificationMaterial,
    dsseEnvelope: {
      payload: base64(signed.statement),
      payloadType: inTotoPayloadType,
      signatures: [{ sig: base64(signed.signature), keyid: '' }],
    },
  };

  const layer = writer.addJson(bundle, mediaType);
  const config = writer.addJson({}, mediaTypes.ociEmpty);
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    [bundlePredicateTypeAnnotation]: vulnPredicateType,
  };
  const manifest = writer.addJson(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      artifactType: mediaType,
      config,
      layers: [layer],
      subject: image.descriptor,
      annotations,
    },
    mediaTypes.ociManifest,
  );
  writer.addUntagged(image.spec.repository, { ...manifest, artifactType: mediaType, annotations });
}

/**
 * Attaches a signed cosign vulnerability attestation with real Trivy findings to every demo image, in
 * the `.att` tag or as a Sigstore bundle referrer. The signer is the demo key of the image's namespace
 * (an approved signer), the pending Lab CI key, the outside contributor's key (which no signer record
 * contains) or the approved keyless identity.
 */
export function addDemoAttestations(writer: LayoutWriter, images: DemoImage[], now: Date): void {
  const keys = {
    release: readDemoKey('release.key.pem'),
    wipp: readDemoKey('wipp-team.key.pem'),
    pending: readDemoKey('lab-ci.key.pem'),
    unknown: readDemoKey('outside-contributor.key.pem'),
  };
  const keyless: KeylessMaterial = {
    key: readDemoKey('keyless-leaf.key.pem'),
    certificatePem: readDemoFile('keyless-leaf.pem'),
    chainPem: readDemoFile('ca-chain.pem'),
    // A log of its own, so that signature entries keep their numbers when attestations change.
    log: createDemoRekorLog(readDemoKey('rekor.key.pem')),
  };
  let previous: { statement: Uint8Array; signature: Uint8Array } | undefined;
  for (const [index, image] of images.entries()) {
    const plan = plans[index % plans.length];
    if (plan === undefined) continue;
    const namespaceKey = image.spec.repository.startsWith('wipp/') ? keys.wipp : keys.release;
    const key =
      plan.signer === 'namespace'
        ? namespaceKey
        : plan.signer === 'keyless'
          ? keyless.key
          : keys[plan.signer];
    // The keyless scan ran just before the certificate's signing time; the others ran `ageDays` ago.
    const loggedAt = new Date(demoKeyless.signedAt + index * 1000);
    const finishedAt =
      plan.signer === 'keyless'
        ? new Date(demoKeyless.signedAt - 120_000)
        : new Date(now.getTime() - plan.ageDays * dayMs);
    const signed = signedStatement(image, plan, key, finishedAt);
    if (plan.store === 'att-tag') {
      // The 30-day-old scans also carry the previous image's attestation, copied onto this digest as a
      // careless push would: Assay rejects it because it names another digest, and lists the reason.
      const copied = plan.ageDays === 30 ? previous : undefined;
      writeAttestationTag(writer, image, copied === undefined ? [signed] : [signed, copied]);
      previous = signed;
    } else
      writeAttestationBundle(
        writer,
        image,
        signed,
        plan.signer === 'keyless' ? keyless : undefined,
        loggedAt,
      );
  }
}
