import { displayNameSchema, type AccountRole } from '../contract/accounts.ts';
import type { OidcConfig } from './config.ts';

/** Reads a claim by dotted path (`realm_access.roles`), as identity providers nest role claims. */
export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Reads a claim's values as strings from a list, a single string, or a space- or comma-separated string. */
function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item !== '');
  return [];
}

/**
 * Maps the role claim to an Assay role. Any admin value gives admin. Any reviewer value gives reviewer,
 * and so does every account when no reviewer values are configured. Otherwise the result is undefined
 * and the sign-in is rejected. Values match exactly (case-sensitive), never as patterns.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'roleClaim' | 'adminValues' | 'reviewerValues'>,
): AccountRole | undefined {
  const values = claimValues(readClaim(claims, config.roleClaim));
  if (values.some((value) => config.adminValues.includes(value))) return 'admin';
  if (config.reviewerValues.length === 0) return 'reviewer';
  if (values.some((value) => config.reviewerValues.includes(value))) return 'reviewer';
  return undefined;
}

/** Picks a username from `preferred_username`, the e-mail's local part, or the subject, in that order. */
export function usernameFromClaims(claims: Record<string, unknown>): string {
  const candidates = [
    claims.preferred_username,
    typeof claims.email === 'string' ? claims.email.split('@')[0] : undefined,
    claims.sub,
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const cleaned = candidate
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 32);
    if (cleaned.length >= 3) return cleaned;
  }
  return 'user';
}

/**
 * Takes the display name from the `name` claim, cut to 80 characters, or `fallback` when the claim is
 * missing or is not a name Assay would accept from a person (such as one with invisible characters).
 */
export function displayNameFromClaims(claims: Record<string, unknown>, fallback: string): string {
  // Cutting may split a surrogate pair; its first half is dropped rather than stored alone.
  const claimed =
    typeof claims.name === 'string'
      ? claims.name
          .trim()
          .slice(0, 80)
          .replace(/[\uD800-\uDBFF]$/, '')
      : '';
  const name = displayNameSchema.safeParse(claimed);
  return name.success ? name.data : fallback.slice(0, 80);
}
