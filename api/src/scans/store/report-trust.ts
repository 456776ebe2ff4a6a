import type { Kysely } from 'kysely';
import type { SignatureReason, SignatureStatus } from '../../contract/signature.ts';
import type { Database } from '../../db/schema.ts';
import { trustStateOf, type SignerFacts } from '../../signers/evaluate.ts';
import { signerFactsOf } from '../../signers/rows.ts';
import type { ReportRow } from './report-rows.ts';

/** The report columns that decide whether Assay can vouch for a report. */
export type TrustedReportFields = Pick<
  ReportRow,
  'source' | 'signature_status' | 'signature_reason' | 'signer_ref' | 'registry_host' | 'repository'
>;

/**
 * Tells whether Assay vouches for a report: a configured scanner, an administrator's upload, or an attestation
 * whose signature verified and whose signer is approved, unexpired and scoped to the image's repository,
 * by the rules of image signatures. The signer table is applied when the report is read, so approving
 * or revoking a signer changes it at once.
 */
export function isTrustedReport(
  row: TrustedReportFields,
  signers: ReadonlyMap<string, SignerFacts>,
  now: Date,
): boolean {
  if (row.source !== 'attestation') return true;
  if (row.signature_status === null) return false;
  const signer = row.signer_ref === null ? undefined : signers.get(row.signer_ref);
  const result = {
    status: row.signature_status as SignatureStatus,
    reason: (row.signature_reason ?? 'unsupported') as SignatureReason,
  };
  return trustStateOf(result, signer, `${row.registry_host}/${row.repository}`, now).state === 'approved';
}

/** Loads the signer records that the given reports name, by signer reference. */
export async function loadReportSigners(
  db: Kysely<Database>,
  rows: readonly Pick<ReportRow, 'signer_ref'>[],
): Promise<Map<string, SignerFacts>> {
  const refs = [...new Set(rows.flatMap((row) => (row.signer_ref === null ? [] : [row.signer_ref])))];
  if (refs.length === 0) return new Map();
  const signers = await db.selectFrom('signers').selectAll().where('signer_ref', 'in', refs).execute();
  return new Map(signers.map((signer) => [signer.signer_ref, signerFactsOf(signer)]));
}
