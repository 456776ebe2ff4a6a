import type { Kysely } from 'kysely';
import type { SignatureResult } from '../../contract/signature.ts';
import type { Database } from '../../db/schema.ts';
import type { RegistryDirectory } from '../../registry/directory.ts';
import type { RegistrySource } from '../../registry/types.ts';
import type { SignatureTrust } from '../../signatures/trust.ts';
import { parseVulnAttestation } from '../attestation.ts';
import type { ScanLogger } from '../harbor-client.ts';
import { ScanReportError } from '../parsers/errors.ts';
import type { ParsedScanReport, ScanReportLimits } from '../parsers/parse-scan-report.ts';
import { deleteScanReports, saveScanReport } from '../store/save-report.ts';
import type { StoredSignature } from '../store/report-rows.ts';
import {
  discoverAttestations,
  findAttestationSources,
  type AttestationCandidate,
  type AttestationProblem,
  type AttestationSources,
} from './discover.ts';
import { verifyAttestation } from './verify.ts';

/** The parsed signature trust and a fingerprint of what it was built from, which changes when a signer is added. */
export interface AttestationTrust {
  current(): Promise<{ trust: SignatureTrust; fingerprint: string }>;
}

export interface AttestationImportDeps {
  db: Kysely<Database>;
  directory: RegistryDirectory;
  trust: AttestationTrust;
  reportLimits: ScanReportLimits;
  /** Entries read per digest from the `.att` manifest, and again from the bundle referrers. */
  maxLayers: number;
  /** Platform manifests of an index whose attestations are also read. */
  maxPlatforms: number;
  now: () => Date;
  newId: () => string;
  logger: ScanLogger;
}

/** The image of one version whose attestations are read. */
export interface AttestedImage {
  registry: string;
  repository: string;
  /** The digest the version shows; reports are stored under it. */
  digest: string;
  /** Platform manifests of an index, whose attestations are read as well. */
  platformDigests: string[];
}

/** The result of one attestation layer. */
export interface AttestationOutcome {
  /** The digest whose `.att` tag or referrers contain the attestation. */
  digest: string;
  /** `cosign-tag` or `referrer-bundle`; absent for a problem found before the entry was read. */
  foundIn?: AttestationCandidate['source'];
  layerDigest?: string;
  result: 'imported' | 'ignored' | 'rejected';
  reason: string;
  reportId?: string;
  /** Set when the entry was missing or unreadable, so the next check reads it again even if nothing changed. */
  retry?: boolean;
}

/** Attestation places per looked-up digest: the `.att` manifest digest and the bundle referrer digests. */
type SourceFingerprint = Record<string, { tag: string | null; referrers: string[] }>;

interface CheckRecord {
  sources: SourceFingerprint;
  trustFingerprint: string;
  outcomes: AttestationOutcome[];
}

/** Envelope overhead allowed on top of the report bound: base64 grows the statement by a third. */
function envelopeBound(maxReportBytes: number): number {
  return Math.ceil((maxReportBytes * 4) / 3) + 64 * 1024;
}

async function lookUpSources(
  source: RegistrySource,
  image: AttestedImage,
  digests: string[],
): Promise<Map<string, AttestationSources>> {
  const found = new Map<string, AttestationSources>();
  for (const digest of digests) {
    found.set(digest, await findAttestationSources(source, image.repository, digest));
  }
  return found;
}

function fingerprintOf(sources: Map<string, AttestationSources>): SourceFingerprint {
  const fingerprint: SourceFingerprint = {};
  for (const [digest, found] of sources) {
    fingerprint[digest] = {
      tag: found.tag,
      referrers: found.referrers.map((referrer) => referrer.digest).sort(),
    };
  }
  return fingerprint;
}

function storedSignature(result: SignatureResult): StoredSignature {
  const details: Record<string, unknown> = {};
  if (result.source !== undefined) details.source = result.source;
  if (result.kind !== undefined) details.kind = result.kind;
  if (result.keyFingerprint !== undefined) details.keyFingerprint = result.keyFingerprint;
  if (result.certificate !== undefined) details.certificate = result.certificate;
  return {
    status: result.status,
    reason: result.reason,
    text: result.reasonText,
    ...(result.signerRef === undefined ? {} : { signerRef: result.signerRef }),
    details,
  };
}

type Checked =
  | { outcome: AttestationOutcome; report?: undefined }
  | {
      outcome: AttestationOutcome;
      report: ParsedScanReport;
      signature: StoredSignature;
      layerDigest: string;
    };

/** Verifies one layer and parses its statement; decides whether it becomes a report. */
async function checkCandidate(
  candidate: AttestationCandidate,
  trust: SignatureTrust,
  deps: AttestationImportDeps,
): Promise<Checked> {
  const base = { digest: candidate.digest, foundIn: candidate.source, layerDigest: candidate.layerDigest };
  const verified = await verifyAttestation(candidate, trust, deps.now());
  const { signature } = verified;
  if (signature.status === 'invalid' || verified.statement === undefined) {
    return { outcome: { ...base, result: 'rejected', reason: signature.reasonText } };
  }

  let report: ParsedScanReport;
  try {
    report = parseVulnAttestation(verified.statement, candidate.digest, deps.reportLimits, deps.now());
  } catch (error) {
    if (!(error instanceof ScanReportError)) throw error;
    // Other attestations (SBOMs, provenance) share the `.att` tag and the referrers, so another predicate type is no error.
    const result = error.path === '$.predicateType' ? 'ignored' : 'rejected';
    return { outcome: { ...base, result, reason: error.message } };
  }
  return {
    outcome: { ...base, result: 'imported', reason: signature.reasonText },
    report,
    signature: storedSignature(signature),
    layerDigest: candidate.layerDigest,
  };
}

function problemOutcome(problem: AttestationProblem): AttestationOutcome {
  return {
    digest: problem.digest,
    ...(problem.layerDigest === undefined ? {} : { layerDigest: problem.layerDigest }),
    result: problem.result,
    reason: problem.reason,
    ...(problem.retry === true ? { retry: true } : {}),
  };
}

/**
 * Reads the vulnerability attestations of one version's image from its `.att` tags and its Sigstore
 * bundle referrers, verifies them and stores each accepted one as a report. A report whose attestation
 * left the registry is removed. The work is skipped when neither the `.att` manifests, the bundle
 * referrers nor the trust changed since the last check,
 * unless `force` is set. Registry outages reject, and then stored reports stay as they were.
 */
export async function importImageAttestations(
  deps: AttestationImportDeps,
  image: AttestedImage,
  options: { force?: boolean } = {},
): Promise<{ skipped: boolean; outcomes: AttestationOutcome[] }> {
  const source = deps.directory.find(image.registry);
  if (source === undefined) return { skipped: true, outcomes: [] };

  const digests = [image.digest, ...image.platformDigests.filter((digest) => digest !== image.digest)].slice(
    0,
    deps.maxPlatforms + 1,
  );
  const { trust, fingerprint } = await deps.trust.current();
  const sources = await lookUpSources(source, image, digests);
  const fingerprintOfSources = fingerprintOf(sources);
  const previous = await deps.db
    .selectFrom('scan_attestation_checks')
    .select('outcome')
    .where('registry_host', '=', image.registry)
    .where('repository', '=', image.repository)
    .where('digest', '=', image.digest)
    .executeTakeFirst();
  const previousRecord = previous === undefined ? undefined : (JSON.parse(previous.outcome) as CheckRecord);
  const unchanged =
    previousRecord !== undefined &&
    previousRecord.trustFingerprint === fingerprint &&
    JSON.stringify(previousRecord.sources) === JSON.stringify(fingerprintOfSources) &&
    !previousRecord.outcomes.some((outcome) => outcome.retry === true);
  if (unchanged && options.force !== true) {
    await recordCheck(deps.db, image, previousRecord, deps.now());
    return { skipped: true, outcomes: previousRecord.outcomes };
  }

  const checked: Checked[] = [];
  const limits = { maxLayers: deps.maxLayers, maxEnvelopeBytes: envelopeBound(deps.reportLimits.maxBytes) };
  for (const [digest, found] of sources) {
    const discovery = await discoverAttestations(source, image.repository, digest, found, limits);
    checked.push(...discovery.problems.map((problem) => ({ outcome: problemOutcome(problem) })));
    for (const candidate of discovery.candidates) checked.push(await checkCandidate(candidate, trust, deps));
  }

  const now = deps.now();
  const outcomes = await deps.db.transaction().execute(async (trx) => {
    const storedLayers = new Set<string>();
    for (const item of checked) {
      if (item.report === undefined) continue;
      if (storedLayers.has(item.layerDigest)) {
        // The same bytes listed twice (two referrer manifests, or a tag and a referrer) are one report.
        item.outcome.result = 'ignored';
        item.outcome.reason = `The same attestation (${item.layerDigest}) was already read for this image.`;
        continue;
      }
      storedLayers.add(item.layerDigest);
      item.outcome.reportId = await saveScanReport(
        trx,
        item.report,
        {
          digest: image.digest,
          registryHost: image.registry,
          repository: image.repository,
          contentKey: item.layerDigest,
          signature: item.signature,
        },
        { id: deps.newId(), now },
      );
    }

    const attestationReports = await trx
      .selectFrom('scan_reports')
      .select('id')
      .where('digest', '=', image.digest)
      .where('source', '=', 'attestation')
      .where('registry_host', '=', image.registry)
      .where('repository', '=', image.repository)
      .execute();
    const removedIds = attestationReports
      .map((row) => row.id)
      .filter((id) => !checked.some((item) => item.outcome.reportId === id));
    await deleteScanReports(trx, image.digest, removedIds, now);

    const record: CheckRecord = {
      sources: fingerprintOfSources,
      trustFingerprint: fingerprint,
      outcomes: checked.map((item) => item.outcome),
    };
    await recordCheck(trx, image, record, now);
    return record.outcomes;
  });

  const counts = { imported: 0, ignored: 0, rejected: 0 };
  for (const outcome of outcomes) counts[outcome.result] += 1;
  // Debug level: a refresh checks every image, and the job's summary is what operators need.
  deps.logger.debug(
    { registry: image.registry, repository: image.repository, digest: image.digest, ...counts },
    'vulnerability attestations checked',
  );
  return { skipped: false, outcomes };
}

/** Reads the last attestation check of an image: when it ran and the outcome of every entry it found. */
export async function readAttestationCheck(
  db: Kysely<Database>,
  image: Pick<AttestedImage, 'registry' | 'repository' | 'digest'>,
): Promise<{ checkedAt: string; outcomes: AttestationOutcome[] } | undefined> {
  const row = await db
    .selectFrom('scan_attestation_checks')
    .select(['checked_at', 'outcome'])
    .where('registry_host', '=', image.registry)
    .where('repository', '=', image.repository)
    .where('digest', '=', image.digest)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const record = JSON.parse(row.outcome) as Partial<CheckRecord>;
  return { checkedAt: row.checked_at, outcomes: record.outcomes ?? [] };
}

async function recordCheck(
  db: Kysely<Database>,
  image: AttestedImage,
  record: CheckRecord,
  now: Date,
): Promise<void> {
  await db
    .insertInto('scan_attestation_checks')
    .values({
      registry_host: image.registry,
      repository: image.repository,
      digest: image.digest,
      checked_at: now.toISOString(),
      outcome: JSON.stringify(record),
    })
    .onConflict((conflict) =>
      conflict
        .columns(['registry_host', 'repository', 'digest'])
        .doUpdateSet({ checked_at: now.toISOString(), outcome: JSON.stringify(record) }),
    )
    .execute();
}
