import { z } from 'zod';

/** The form a key signer's `publicKeyPem` must have, for messages and form hints. */
export const publicKeyPemFormat =
  'one PEM "PUBLIC KEY" block of an ECDSA (P-256, P-384 or P-521), Ed25519 or RSA (2048 bits or more) key, as `cosign public-key` prints it';

const issuerExample = 'https://token.actions.githubusercontent.com';

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

/** Describes why `value` cannot match any certificate's issuer, or returns undefined when it can. */
export function issuerProblem(value: string): string | undefined {
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
