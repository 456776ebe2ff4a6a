import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAuditEvent } from '../audit/record.ts';
import type { SignatureResult } from '../contract/signature.ts';
import type { Database } from '../db/schema.ts';
import { describePublicKey } from '../signatures/index.ts';
import { auditViewOf, type SignerRow } from './rows.ts';
import { identityRef } from './service.ts';

/** A result that names a signer Assay has no record of, and where it was seen. */
export interface SignerSighting {
  result: SignatureResult;
  /** `host/repository` of the image. */
  repository: string;
}

type NewSigner = Pick<
  SignerRow,
  | 'kind'
  | 'signer_ref'
  | 'display_name'
  | 'public_key_pem'
  | 'key_fingerprint'
  | 'key_algorithm'
  | 'identity_san'
  | 'identity_issuer'
>;

/**
 * The signer a result reveals: a key that verified the signature and its Rekor entry but is not a
 * signer key, or a trusted certificate whose identity matches no signer. Other results reveal none,
 * because only a passing cryptographic check shows who made a signature.
 */
export function revealedSigner(result: SignatureResult): NewSigner | undefined {
  if (result.reason === 'unknown-key' && result.publicKeyPem !== undefined) {
    const key = describePublicKey(result.publicKeyPem);
    if ('error' in key) return undefined;
    return {
      kind: 'key',
      signer_ref: key.fingerprint,
      display_name: `Key ${key.fingerprint.slice(0, 16)} (${key.algorithm})`,
      public_key_pem: result.publicKeyPem,
      key_fingerprint: key.fingerprint,
      key_algorithm: key.algorithm,
      identity_san: null,
      identity_issuer: null,
    };
  }
  const certificate = result.certificate;
  if (result.reason === 'identity-mismatch' && certificate !== undefined && certificate.san !== '') {
    return {
      kind: 'identity',
      signer_ref: identityRef(certificate.san, certificate.issuer),
      display_name: certificate.san,
      public_key_pem: null,
      key_fingerprint: null,
      key_algorithm: null,
      identity_san: certificate.san,
      identity_issuer: certificate.issuer,
    };
  }
  return undefined;
}

/**
 * Creates a pending signer for every new key or identity the sightings reveal, each audited as a
 * change by Assay itself with the image it was first seen on. Returns how many were created; a signer
 * that another process created first is left as it is.
 */
export async function recordDiscoveredSigners(
  db: Kysely<Database>,
  sightings: SignerSighting[],
  now: Date,
): Promise<number> {
  const revealed = new Map<string, { signer: NewSigner; sighting: SignerSighting }>();
  for (const sighting of sightings) {
    const signer = revealedSigner(sighting.result);
    if (signer !== undefined && !revealed.has(signer.signer_ref))
      revealed.set(signer.signer_ref, { signer, sighting });
  }
  if (revealed.size === 0) return 0;

  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const { signer, sighting } of revealed.values()) {
      const row: SignerRow = {
        id: randomUUID(),
        ...signer,
        status: 'pending',
        scope: '[]',
        expires_at: null,
        status_changed_at: now.toISOString(),
        status_changed_by: null,
        status_reason: null,
        origin: 'discovered',
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      const inserted = await trx
        .insertInto('signers')
        .values(row)
        .onConflict((conflict) => conflict.column('signer_ref').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;

      created += 1;
      await recordAuditEvent(
        trx,
        {
          actor: null,
          action: 'signer.discover',
          targetType: 'signer',
          targetId: row.id,
          after: {
            ...auditViewOf(row),
            kind: row.kind,
            signerRef: row.signer_ref,
            firstSeenOn: { repository: sighting.repository, digest: sighting.result.digest },
          },
        },
        now,
      );
    }
    return created;
  });
}
