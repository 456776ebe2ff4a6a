import type { Selectable } from 'kysely';
import type { Signer } from '../contract/signer.ts';
import type { SignersTable } from '../db/schema.ts';
import { isSignerExpired, type SignerFacts } from './evaluate.ts';

export type SignerRow = Selectable<SignersTable>;

export function signerFactsOf(row: SignerRow): SignerFacts {
  return {
    id: row.id,
    displayName: row.display_name,
    kind: row.kind,
    status: row.status,
    scope: JSON.parse(row.scope) as string[],
    expiresAt: row.expires_at,
    statusReason: row.status_reason,
  };
}

export interface SignerViewOptions {
  /** Distinct image digests carrying a signature attributed to the signer. */
  imageCount: number;
  /** Administrators see who changed the status; others see only when and why. */
  includeActor: boolean;
  now: Date;
}

/** Builds the API view of a signer row. */
export function signerOf(row: SignerRow, options: SignerViewOptions): Signer {
  const facts = signerFactsOf(row);
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.display_name,
    status: row.status,
    ...(row.public_key_pem !== null && row.key_fingerprint !== null
      ? {
          publicKey: {
            fingerprint: row.key_fingerprint,
            algorithm: row.key_algorithm ?? 'unknown',
            pem: row.public_key_pem,
          },
        }
      : {}),
    ...(row.identity_san !== null && row.identity_issuer !== null
      ? { identity: { san: row.identity_san, issuer: row.identity_issuer } }
      : {}),
    scope: facts.scope,
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
    expired: isSignerExpired(facts, options.now),
    statusChangedAt: row.status_changed_at,
    ...(options.includeActor && row.status_changed_by !== null
      ? { statusChangedBy: row.status_changed_by }
      : {}),
    ...(row.status_reason !== null ? { statusReason: row.status_reason } : {}),
    origin: row.origin,
    createdAt: row.created_at,
    imageCount: options.imageCount,
  };
}

/** Returns the fields an audit event records before and after a change; keys and identities never change. */
export function auditViewOf(row: SignerRow) {
  return {
    displayName: row.display_name,
    status: row.status,
    scope: JSON.parse(row.scope) as string[],
    expiresAt: row.expires_at,
    statusReason: row.status_reason,
  };
}
