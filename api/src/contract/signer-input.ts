import { z } from 'zod';
import { describeCharacter } from './user-text.ts';

/** The form a key signer's `publicKeyPem` must have, for messages and form hints. */
export const publicKeyPemFormat =
  'one PEM "PUBLIC KEY" block of an ECDSA (P-256, P-384 or P-521), Ed25519 or RSA (2048 bits or more) key, as `cosign public-key` prints it';

const issuerExample = 'https://token.actions.githubusercontent.com';
const sanExample = 'https://github.com/polusai/image-tools/.github/workflows/release.yml@refs/heads/main';

/** An RFC 4514 distinguished name as verification formats a certificate's issuer: `CN=...,O=...`. */
const distinguishedNamePattern = /^([A-Z][A-Z0-9]*|[0-9]+(\.[0-9]+)+)=[^,]/;

/** A bare host name such as `accounts.google.com`, which is only missing its scheme. */
const hostNamePattern = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?(\/\S*)?$/i;

function isHttpsIssuerUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  // OpenID Connect issuers are https URLs without query, fragment or user information.
  return (
    url.protocol === 'https:' &&
    url.hostname !== '' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/**
 * Characters that Kyverno's keyless attestor reads as wildcards in `subject` and `issuer` (`*` any run
 * of characters, `?` any one character, with no way to escape them), while Assay compares both values
 * exactly. A value containing them would make an exported Kyverno policy accept other identities.
 */
export const exportWildcardCharacters = ['*', '?'] as const;

/** Returns the first wildcard character in `value`, or undefined when it has none. */
export function wildcardIn(value: string): string | undefined {
  return exportWildcardCharacters.find((character) => value.includes(character));
}

function wildcardProblem(field: 'san' | 'issuer', value: string): string | undefined {
  const wildcard = wildcardIn(value);
  if (wildcard === undefined) return undefined;
  return `${field} must not contain "${wildcard}": Assay matches the ${field === 'san' ? 'SAN' : 'issuer'} exactly, character for character, and Kyverno policies exported from Assay would read "*" and "?" as wildcards that accept other identities. Enter the exact value from the signing certificate`;
}

/** Describes why `value` cannot be a keyless signer's SAN, or returns undefined when it can. */
export function sanProblem(value: string): string | undefined {
  const wildcard = wildcardProblem('san', value);
  if (wildcard !== undefined) return `${wildcard}, such as ${sanExample}.`;
  const hidden = [...value].find((character) => /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(character));
  if (hidden !== undefined) {
    return `san must not contain ${describeCharacter(hidden)}: certificate SANs are visible text, and Assay matches them exactly`;
  }
  return undefined;
}

/** Describes why `value` cannot match any certificate's issuer, or returns undefined when it can. */
export function issuerProblem(value: string): string | undefined {
  // A "?" that starts a URL query gets the message about queries, which is more specific.
  const hasQuery = value.startsWith('https://') && URL.canParse(value) && new URL(value).search !== '';
  const wildcard = wildcardProblem('issuer', value);
  if (wildcard !== undefined && !hasQuery) return `${wildcard}, such as ${issuerExample}.`;
  if (isHttpsIssuerUrl(value) || distinguishedNamePattern.test(value)) return undefined;

  if (value.startsWith('http://') && isHttpsIssuerUrl(`https://${value.slice('http://'.length)}`)) {
    return `issuer must be an https URL, as OpenID Connect issuers are: use https://${value.slice('http://'.length)}`;
  }
  if (value.startsWith('https://') && URL.canParse(value) && new URL(value).hostname !== '') {
    return 'issuer must be an https URL without query, fragment or user name, as OpenID Connect issuers are';
  }
  if (hostNamePattern.test(value) && isHttpsIssuerUrl(`https://${value}`)) {
    return `issuer must be a URL that starts with https://, such as https://${value}`;
  }
  return `issuer must be the OIDC issuer URL that Fulcio certificates carry, such as ${issuerExample}, or the issuer distinguished name of a certificate from a private authority, such as CN=Lab signing CA,O=Example`;
}

/**
 * Issuer of a keyless signer. Verification compares it exactly with the issuer read from the signing
 * certificate: the OIDC issuer URL in Fulcio's extension (OID 1.3.6.1.4.1.57264.1.8, or the older .1.1),
 * or for a certificate from a private authority without that extension, its issuer distinguished name.
 * Any other value, such as `github` or `accounts.google.com`, can never match, so it is rejected
 * rather than stored with a warning.
 */
export const identityIssuerSchema = z
  .string()
  .trim()
  .min(1, `issuer must not be empty: enter the OIDC issuer URL, such as ${issuerExample}`)
  .max(1024, 'issuer must be at most 1024 characters')
  .superRefine((value, context) => {
    if (value === '') return;
    const problem = issuerProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

/**
 * SAN of a keyless signer, compared exactly with the signing certificate's subject alternative name (an
 * email address, or a URI such as a CI workflow reference).
 */
export const identitySanSchema = z
  .string()
  .trim()
  .min(1, `san must not be empty: enter the certificate's SAN, such as ${sanExample}`)
  .max(1024, 'san must be at most 1024 characters')
  .superRefine((value, context) => {
    if (value === '') return;
    const problem = sanProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });
