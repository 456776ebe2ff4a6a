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
import { cosignAnnotations } from '../signatures/formats.ts';
import { readDemoKey, type DemoKey } from './demo-signing.ts';
import type { LayoutWriter } from './layout-writer.ts';
import type { DemoImage } from './signatures.ts';

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

type Signer = 'namespace' | 'pending' | 'unknown';

/** One demo scan: which Trivy reports it merges, how many days before the build it ran, and who signs it. */
interface ScanPlan {
  reports: (keyof typeof trivyReports)[];
  ageDays: number;
  signer: Signer;
}

// Cycles in sorted image order, so neighbouring versions of one plugin differ. Every kind of result
// shows up: criticals, a clean image, stale scans (older than the default 7 days), a scan signed by a
// pending signer and one signed by a key that no signer record contains.
const plans: ScanPlan[] = [
  { reports: ['debianBuster'], ageDays: 2, signer: 'namespace' },
  { reports: ['clean'], ageDays: 1, signer: 'namespace' },
  { reports: ['debianBuster', 'pip'], ageDays: 30, signer: 'namespace' },
  { reports: ['pip'], ageDays: 3, signer: 'pending' },
  { reports: ['pip'], ageDays: 20, signer: 'namespace' },
  { reports: ['debianBuster'], ageDays: 1, signer: 'unknown' },
];

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Returns a number that changes once a week, for the demo layout's stamp. Rebuilding the layout weekly
 * keeps the "fresh" demo scans younger than the default stale age.
 */
export function demoScanEpoch(now: Date): number {
  return Math.floor(now.getTime() / (7 * dayMs));
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

/** Writes the `.att` manifest of the image with one signed vulnerability attestation, as `cosign attest --type vuln` does. */
function writeAttestation(
  writer: LayoutWriter,
  image: DemoImage,
  plan: ScanPlan,
  key: DemoKey,
  now: Date,
): void {
  const finishedAt = new Date(now.getTime() - plan.ageDays * dayMs);
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
  const envelope = {
    payloadType: inTotoPayloadType,
    payload: Buffer.from(payload).toString('base64'),
    signatures: [{ keyid: '', sig: Buffer.from(signDsse(key.privateKey, payload)).toString('base64') }],
  };

  // cosign leaves the signature annotation empty on attestation layers: the signature is in the envelope.
  const layer = {
    ...writer.addJson(envelope, dsseEnvelopeMediaType),
    annotations: { [cosignAnnotations.signature]: '', [predicateTypeAnnotation]: vulnPredicateType },
  };
  const config = writer.addJson({}, mediaTypes.ociEmpty);
  const manifest = writer.addJson(
    { schemaVersion: 2, mediaType: mediaTypes.ociManifest, config, layers: [layer] },
    mediaTypes.ociManifest,
  );
  writer.tag(image.spec.repository, attestationTagFor(image.descriptor.digest), manifest);
}

/**
 * Attaches a signed cosign vulnerability attestation with real Trivy findings to every demo image.
 * The signer is the demo key of the image's namespace (an approved signer), the pending Lab CI key,
 * or the outside contributor's key, which no signer record contains.
 */
export function addDemoAttestations(writer: LayoutWriter, images: DemoImage[], now: Date): void {
  const keys = {
    release: readDemoKey('release.key.pem'),
    wipp: readDemoKey('wipp-team.key.pem'),
    pending: readDemoKey('lab-ci.key.pem'),
    unknown: readDemoKey('outside-contributor.key.pem'),
  };
  for (const [index, image] of images.entries()) {
    const plan = plans[index % plans.length];
    if (plan === undefined) continue;
    const namespaceKey = image.spec.repository.startsWith('wipp/') ? keys.wipp : keys.release;
    const key = plan.signer === 'namespace' ? namespaceKey : keys[plan.signer];
    writeAttestation(writer, image, plan, key, now);
  }
}
