import type { Kysely, Selectable } from 'kysely';
import type { ResolutionStatus } from '../contract/image.ts';
import type { TrustPolicy } from '../contract/policy.ts';
import type { ScanSource, Severity } from '../contract/scan.ts';
import type { SignatureReason, SignatureStatus } from '../contract/signature.ts';
import type { Database, PluginVersionsTable } from '../db/schema.ts';
import { isVerifiedSource } from '../scans/store/current-report.ts';
import { loadSignerFacts } from '../signers/badges.ts';
import type { SignerFacts } from '../signers/evaluate.ts';
import type { VerdictFinding, VerdictInputs, VerdictScan, VerdictSignature } from './inputs.ts';

// Adapters from the signature, signer and scan tables to the verdict's inputs. They read the tables
// those modules write, in bulk, so the catalog can judge every plugin with a handful of queries.

/** The version columns the verdict needs. */
export type VerdictVersionRow = Pick<
  Selectable<PluginVersionsTable>,
  | 'id'
  | 'plugin_id'
  | 'version'
  | 'image_registry'
  | 'image_repository'
  | 'image_reference'
  | 'resolution_status'
  | 'resolution_error'
  | 'registered_digest'
  | 'current_digest'
>;

export const verdictVersionColumns = [
  'id',
  'plugin_id',
  'version',
  'image_registry',
  'image_repository',
  'image_reference',
  'resolution_status',
  'resolution_error',
  'registered_digest',
  'current_digest',
] as const;

// Stays below the bound-parameter limits of both engines with room for the other parameters.
const chunkSize = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize)
    result.push(items.slice(start, start + chunkSize));
  return result;
}

/** The digest a version is judged by: the registered one, or the current one before registration. */
export function judgedDigest(
  version: Pick<VerdictVersionRow, 'registered_digest' | 'current_digest'>,
): string | null {
  return version.registered_digest ?? version.current_digest;
}

async function loadSignatures(db: Kysely<Database>, versions: readonly VerdictVersionRow[]) {
  const ids = versions.map((version) => version.id);
  const syncs = new Map<string, { digests: Set<string>; error: string | null }>();
  const results = new Map<
    string,
    Array<Omit<VerdictSignature, 'signer'> & { subject: string; covered: string }>
  >();
  for (const part of chunks(ids)) {
    const syncRows = await db
      .selectFrom('signature_syncs')
      .select(['version_id', 'subjects', 'error'])
      .where('version_id', 'in', part)
      .execute();
    for (const row of syncRows) {
      const subjects = JSON.parse(row.subjects) as Array<{ digest: string }>;
      syncs.set(row.version_id, {
        digests: new Set(subjects.map((subject) => subject.digest)),
        error: row.error,
      });
    }
    const resultRows = await db
      .selectFrom('signature_results')
      .select([
        'id',
        'version_id',
        'subject_digest',
        'covered_digest',
        'status',
        'reason',
        'reason_text',
        'signer_ref',
      ])
      .where('version_id', 'in', part)
      .orderBy('position')
      .execute();
    for (const row of resultRows) {
      const list = results.get(row.version_id) ?? [];
      list.push({
        id: row.id,
        status: row.status as SignatureStatus,
        reason: row.reason as SignatureReason,
        reasonText: row.reason_text,
        signerRef: row.signer_ref,
        subject: row.subject_digest,
        covered: row.covered_digest,
      });
      results.set(row.version_id, list);
    }
  }
  return { syncs, results };
}

async function loadScans(
  db: Kysely<Database>,
  digests: readonly string[],
  policy: TrustPolicy,
): Promise<Map<string, VerdictScan>> {
  const scans = new Map<string, VerdictScan>();
  const byReport = new Map<string, VerdictScan>();
  for (const part of chunks([...new Set(digests)])) {
    // The summary row names the report the scans module shows for the digest: a verified source first.
    const reports = await db
      .selectFrom('scan_digest_summaries as s')
      .innerJoin('scan_reports as r', 'r.id', 's.report_id')
      .select([
        's.digest',
        'r.id',
        'r.source',
        'r.scanner_name',
        'r.scanner_version',
        'r.generated_at',
        'r.signature_status',
        'r.signature_text',
        'r.signer_ref',
      ])
      .where('s.digest', 'in', part)
      .execute();
    for (const report of reports) {
      const scan: VerdictScan = {
        reportId: report.id,
        source: report.source as ScanSource,
        scannerName: report.scanner_name,
        scannerVersion: report.scanner_version,
        generatedAt: report.generated_at,
        verified: isVerifiedSource({ source: report.source, signature_status: report.signature_status }),
        verificationText: report.signature_text,
        signerRef: report.signer_ref,
        findings: [],
      };
      scans.set(report.digest, scan);
      byReport.set(report.id, scan);
    }
  }
  if (policy.failSeverities.length === 0) return scans;

  for (const part of chunks([...byReport.keys()])) {
    let query = db
      .selectFrom('scan_findings')
      .select(['report_id', 'vulnerability_id', 'aliases', 'package', 'severity', 'fixable'])
      .where('report_id', 'in', part)
      .where('severity', 'in', policy.failSeverities);
    if (policy.fixableOnly) query = query.where('fixable', '=', 1);
    for (const row of await query.orderBy('report_id').orderBy('ordinal').execute()) {
      const finding: VerdictFinding = {
        vulnerabilityId: row.vulnerability_id,
        aliases: JSON.parse(row.aliases) as string[],
        package: row.package,
        severity: row.severity as Severity,
        fixable: Number(row.fixable) === 1,
      };
      byReport.get(row.report_id)?.findings.push(finding);
    }
  }
  return scans;
}

/** Attaches the signer record an attestation names, which decides whether it counts. */
function withSigner(
  scan: VerdictScan | undefined,
  signers: ReadonlyMap<string, SignerFacts>,
): VerdictScan | undefined {
  if (scan === undefined || scan.signerRef === null || scan.signerRef === undefined) return scan;
  return { ...scan, signer: signers.get(scan.signerRef) };
}

/**
 * Reads the inputs of many versions at once: their stored signature results on the judged digest,
 * the signer records, and the current scan report with the findings the policy's severities select.
 */
export async function loadVerdictInputs(
  db: Kysely<Database>,
  versions: readonly VerdictVersionRow[],
  policy: TrustPolicy,
): Promise<Map<string, VerdictInputs>> {
  const digests = versions.flatMap((version) => {
    const digest = judgedDigest(version);
    return digest === null ? [] : [digest];
  });
  const [signatures, signers, scans] = await Promise.all([
    loadSignatures(db, versions),
    loadSignerFacts(db),
    loadScans(db, digests, policy),
  ]);

  const inputs = new Map<string, VerdictInputs>();
  for (const version of versions) {
    const digest = judgedDigest(version);
    const sync = signatures.syncs.get(version.id);
    // Only signatures on the judged digest itself count; those on its platform manifests do not sign
    // what is pulled.
    const entries = (signatures.results.get(version.id) ?? [])
      .filter((result) => result.subject === digest && result.covered === digest)
      .map(({ subject: _subject, covered: _covered, ...result }) => ({
        ...result,
        signer: result.signerRef === null ? undefined : signers.get(result.signerRef),
      }));
    const isTag = version.image_reference !== '' && !version.image_reference.startsWith('sha256:');
    inputs.set(version.id, {
      plugin: version.plugin_id,
      version: version.version,
      image: {
        registry: version.image_registry,
        repository: version.image_repository,
        tag: isTag ? version.image_reference : undefined,
        status: version.resolution_status as ResolutionStatus,
        error: version.resolution_error,
        registeredDigest: version.registered_digest,
        currentDigest: version.current_digest,
      },
      signatures: {
        checked: digest !== null && sync !== undefined && sync.digests.has(digest),
        error: sync?.error ?? null,
        entries,
      },
      scan: digest === null ? undefined : withSigner(scans.get(digest), signers),
    });
  }
  return inputs;
}
