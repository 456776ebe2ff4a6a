import { createHash } from 'node:crypto';
import { parseCertificatesPem, type ParsedCertificate } from './certificate.ts';
import { parsePublicKeyPem, type PublicKeyInfo } from './public-key.ts';

/** A keyless signer: the exact certificate SAN and the exact OIDC issuer, never patterns. */
export interface KeylessIdentity {
  san: string;
  issuer: string;
}

export interface CertificateAuthorityConfig {
  /** Shown in verification messages, for example `sigstore-public-good` or `lab-pki`. */
  name: string;
  /** PEM certificates trusted as anchors: a root, and intermediates when signatures do not carry them. */
  pem: string;
  /**
   * Whether a certificate from this authority needs a verified signing time (a Rekor entry). True for
   * Fulcio, whose certificates live ten minutes. A private CA with long-lived certificates may set false,
   * and then a signature without a Rekor entry is checked against the chain's validity at verification time.
   */
  requireSigningTime: boolean;
}

/** Trust settings as configuration and the signer table hold them. */
export interface SignatureTrustConfig {
  /** PEM public keys of every known key signer, whatever its approval status. */
  keys: string[];
  /** Every known keyless identity, whatever its approval status. */
  identities: KeylessIdentity[];
  certificateAuthorities: CertificateAuthorityConfig[];
  /** PEM public keys of the Rekor transparency logs whose signed entry timestamps are accepted. */
  rekorKeys: string[];
}

export interface TrustedCertificateAuthority {
  name: string;
  certificates: ParsedCertificate[];
  requireSigningTime: boolean;
}

export interface RekorLogKey {
  /** Rekor log ID: lowercase hex SHA-256 of the log's DER public key. */
  logId: string;
  key: PublicKeyInfo;
}

/** Parsed trust settings, built once by {@link buildSignatureTrust} and passed to every verification. */
export interface SignatureTrust {
  keys: PublicKeyInfo[];
  identities: KeylessIdentity[];
  certificateAuthorities: TrustedCertificateAuthority[];
  rekorKeys: RekorLogKey[];
}

/** Invalid trust settings; `problems` lists every invalid entry with its position. */
export class SignatureTrustError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid signature trust settings: ${problems.join('; ')}`);
    this.name = 'SignatureTrustError';
    this.problems = problems;
  }
}

/** Most certificates accepted in one authority's PEM; a root plus a few intermediates is typical. */
const maxAuthorityCertificates = 10;

/**
 * Parses and checks trust settings. Throws {@link SignatureTrustError} naming every invalid entry
 * (`keys[2]: ...`) at once, so configuration errors surface at start rather than at verification.
 */
export function buildSignatureTrust(config: SignatureTrustConfig): SignatureTrust {
  const problems: string[] = [];

  const keys = config.keys.flatMap((pem, index) => {
    const parsed = parsePublicKeyPem(pem);
    if (typeof parsed === 'string') problems.push(`keys[${index}]: ${parsed}`);
    return typeof parsed === 'string' ? [] : [parsed];
  });

  config.identities.forEach((identity, index) => {
    if (identity.san.trim() === '') problems.push(`identities[${index}].san: must not be empty`);
    if (identity.issuer.trim() === '') problems.push(`identities[${index}].issuer: must not be empty`);
  });

  const certificateAuthorities = config.certificateAuthorities.flatMap((authority, index) => {
    const parsed = parseCertificatesPem(authority.pem, maxAuthorityCertificates);
    if (typeof parsed === 'string') problems.push(`certificateAuthorities[${index}].pem: ${parsed}`);
    else if (parsed.length === 0)
      problems.push(`certificateAuthorities[${index}].pem: contains no certificate`);
    if (typeof parsed === 'string' || parsed.length === 0) return [];
    return [{ name: authority.name, certificates: parsed, requireSigningTime: authority.requireSigningTime }];
  });

  const rekorKeys = config.rekorKeys.flatMap((pem, index) => {
    const parsed = parsePublicKeyPem(pem);
    if (typeof parsed === 'string') problems.push(`rekorKeys[${index}]: ${parsed}`);
    return typeof parsed === 'string' ? [] : [{ logId: rekorLogId(parsed), key: parsed }];
  });

  if (problems.length > 0) throw new SignatureTrustError(problems);
  return { keys, identities: config.identities, certificateAuthorities, rekorKeys };
}

function rekorLogId(key: PublicKeyInfo): string {
  const der = key.key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Describes a PEM public key for a new key signer: its fingerprint and algorithm, or an error message
 * saying why it cannot verify cosign signatures.
 */
export function describePublicKey(
  pem: string,
): { fingerprint: string; algorithm: string } | { error: string } {
  const parsed = parsePublicKeyPem(pem);
  if (typeof parsed === 'string') return { error: parsed };
  return { fingerprint: parsed.fingerprint, algorithm: parsed.algorithm };
}
