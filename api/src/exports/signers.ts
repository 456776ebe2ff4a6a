import type { Kysely } from 'kysely';
import type { SignerRule } from '../contract/policy.ts';
import type { SignerKind } from '../contract/signer.ts';
import type { Database } from '../db/schema.ts';
import { scopeCovers } from '../signers/evaluate.ts';

/** An approved, unexpired signer with what the enforcement files need to recognise it. */
export interface ExportSigner {
  id: string;
  displayName: string;
  kind: SignerKind;
  /** Repository prefixes (`host/path`); empty covers every repository. */
  scope: string[];
  expiresAt: string | null;
  /** PEM of a key signer. */
  publicKeyPem: string | null;
  /** Exact SAN and OIDC issuer of an identity signer. */
  identity: { san: string; issuer: string } | null;
}

/** Input of every export: the policy version, its signer rule and the approved signers. */
export interface ExportInput {
  policyVersion: number;
  signerRule: SignerRule;
  generatedAt: string;
  signers: ExportSigner[];
}

/**
 * Loads the signers whose signatures count now: approved, and not past their expiry. Ordered by name
 * so that the same signer set always gives the same files.
 */
export async function loadApprovedSigners(db: Kysely<Database>, now: Date): Promise<ExportSigner[]> {
  const rows = await db
    .selectFrom('signers')
    .selectAll()
    .where('status', '=', 'approved')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows
    .filter((row) => row.expires_at === null || Date.parse(row.expires_at) > now.getTime())
    .map((row) => ({
      id: row.id,
      displayName: row.display_name,
      kind: row.kind,
      scope: JSON.parse(row.scope) as string[],
      expiresAt: row.expires_at,
      publicKeyPem: row.public_key_pem,
      identity:
        row.identity_san !== null && row.identity_issuer !== null
          ? { san: row.identity_san, issuer: row.identity_issuer }
          : null,
    }));
}

/** A repository prefix and the signers that count for images under it; `prefix: null` is every other image. */
export interface ScopeGroup {
  prefix: string | null;
  signers: ExportSigner[];
}

/**
 * Groups the signers by the repository prefixes the files must name. With the `approved` rule, or when
 * no signer is scoped, one group covers every image. Otherwise each scope entry gets a group with the
 * signers scoped to it or to a prefix above it, plus the unscoped signers. When unscoped signers exist,
 * they alone form the `null` group for every other image.
 */
export function scopeGroups(signers: readonly ExportSigner[], rule: SignerRule): ScopeGroup[] {
  const scoped = signers.filter((signer) => signer.scope.length > 0);
  if (rule === 'approved' || scoped.length === 0) return [{ prefix: null, signers: [...signers] }];

  const unscoped = signers.filter((signer) => signer.scope.length === 0);
  const prefixes = [...new Set(scoped.flatMap((signer) => signer.scope))].sort();
  const groups: ScopeGroup[] = prefixes.map((prefix) => ({
    prefix,
    signers: signers.filter((signer) => signer.scope.length === 0 || scopeCovers(signer.scope, prefix)),
  }));
  if (unscoped.length > 0) groups.push({ prefix: null, signers: unscoped });
  return groups;
}

/** Turns text into a Kubernetes-safe name part of lower-case letters, digits and hyphens. */
export function slug(text: string, maxLength = 40): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned.slice(0, maxLength).replace(/-+$/, '') || 'x';
}
