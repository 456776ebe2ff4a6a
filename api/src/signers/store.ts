import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { SignatureResult } from '../contract/signature.ts';
import type { Database, SignatureResultsTable } from '../db/schema.ts';
import type { SignatureCandidate } from '../signatures/index.ts';

export type SignatureResultRow = Selectable<SignatureResultsTable>;

/** A platform manifest of a subject digest, so that results can name the platform a signature covers. */
export interface SubjectPlatform {
  digest: string;
  /** `os/architecture[/variant]`. */
  platform: string;
}

/** A digest of a version whose signatures were looked up, with the platform manifests looked up with it. */
export interface SyncSubject {
  digest: string;
  role: 'current' | 'registered';
  platforms: SubjectPlatform[];
}

/** A verification result with the candidate it came from (none for entries that could not be read). */
export interface CheckedEntry {
  subjectDigest: string;
  result: SignatureResult;
  candidate: SignatureCandidate | undefined;
}

type StoredCandidate =
  | { format: 'cosign-layer'; mediaType: string; payload: string; annotations: Record<string, string> }
  | { format: 'sigstore-bundle'; mediaType: string; bytes: string };

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function serialiseCandidate(candidate: SignatureCandidate): string {
  const stored: StoredCandidate =
    candidate.format === 'cosign-layer'
      ? {
          format: 'cosign-layer',
          mediaType: candidate.mediaType,
          payload: base64(candidate.payload),
          annotations: candidate.annotations,
        }
      : { format: 'sigstore-bundle', mediaType: candidate.mediaType, bytes: base64(candidate.bytes) };
  return JSON.stringify(stored);
}

/** Rebuilds the candidate of a stored row, for checking it again without the registry. */
export function candidateOf(row: SignatureResultRow): SignatureCandidate | undefined {
  if (row.entry === null) return undefined;
  const stored = JSON.parse(row.entry) as StoredCandidate;
  const location = JSON.parse(row.location) as SignatureResult['location'];
  if (stored.format === 'cosign-layer') {
    return {
      format: 'cosign-layer',
      digest: row.covered_digest,
      location,
      mediaType: stored.mediaType,
      payload: bytesOf(stored.payload),
      annotations: stored.annotations,
    };
  }
  return {
    format: 'sigstore-bundle',
    digest: row.covered_digest,
    location,
    mediaType: stored.mediaType,
    bytes: bytesOf(stored.bytes),
  };
}

/** Returns the result columns of a row; `publicKeyPem` only creates a pending signer and is not kept. */
export function resultColumns(result: SignatureResult, verifiedAt: Date) {
  return {
    covered_digest: result.digest,
    source: result.source ?? null,
    kind: result.kind ?? null,
    status: result.status,
    reason: result.reason,
    reason_text: result.reasonText,
    signer_ref: result.signerRef ?? null,
    key_fingerprint: result.keyFingerprint ?? null,
    certificate: result.certificate === undefined ? null : JSON.stringify(result.certificate),
    claims: result.claims === undefined ? null : JSON.stringify(result.claims),
    location: JSON.stringify(result.location),
    verified_at: verifiedAt.toISOString(),
  };
}

/** Reads the result a row stores, in the contract's shape. */
export function resultOf(row: SignatureResultRow): SignatureResult {
  return {
    digest: row.covered_digest,
    ...(row.source !== null ? { source: row.source as SignatureResult['source'] } : {}),
    ...(row.kind !== null ? { kind: row.kind as SignatureResult['kind'] } : {}),
    status: row.status as SignatureResult['status'],
    reason: row.reason as SignatureResult['reason'],
    reasonText: row.reason_text,
    ...(row.key_fingerprint !== null ? { keyFingerprint: row.key_fingerprint } : {}),
    ...(row.certificate !== null
      ? { certificate: JSON.parse(row.certificate) as SignatureResult['certificate'] }
      : {}),
    ...(row.claims !== null ? { claims: JSON.parse(row.claims) as SignatureResult['claims'] } : {}),
    ...(row.signer_ref !== null ? { signerRef: row.signer_ref } : {}),
    location: JSON.parse(row.location) as SignatureResult['location'],
  };
}

/** Replaces every stored result of a version and records the lookup, in the caller's transaction. */
export async function replaceVersionResults(
  db: Kysely<Database>,
  versionId: string,
  subjects: SyncSubject[],
  entries: CheckedEntry[],
  trustFingerprint: string,
  now: Date,
): Promise<void> {
  await db.deleteFrom('signature_results').where('version_id', '=', versionId).execute();
  const rows = entries.map((entry, position) => ({
    id: randomUUID(),
    version_id: versionId,
    subject_digest: entry.subjectDigest,
    position,
    ...resultColumns(entry.result, now),
    entry: entry.candidate === undefined ? null : serialiseCandidate(entry.candidate),
  }));
  // Chunked so that one statement stays under SQLite's and PostgreSQL's bound-parameter limits.
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto('signature_results')
      .values(rows.slice(start, start + 100))
      .execute();
  }

  const sync = {
    version_id: versionId,
    subjects: JSON.stringify(subjects),
    trust_fingerprint: trustFingerprint,
    checked_at: now.toISOString(),
    error: null,
  };
  await db
    .insertInto('signature_syncs')
    .values(sync)
    .onConflict((conflict) => conflict.column('version_id').doUpdateSet(sync))
    .execute();
}
