import type { CertificateIdentity, SignatureResult } from '../contract/signature.ts';
import { claimsForDigest, digestMismatchText } from './binding.ts';
import type { SignedEntry } from './candidate.ts';
import {
  certificatePublicKey,
  distinguishedName,
  fulcioIssuer,
  parseCertificatesPem,
  signingUsageProblem,
  subjectAlternativeNames,
  type ParsedCertificate,
} from './certificate.ts';
import { verifyCertificateChain } from './chain.ts';
import { checkLogEntries } from './log-entries.ts';
import { parsePublicKeyPem, verifyWithPublicKey } from './public-key.ts';
import { buildResult, failed, passed, type ResultDetails, type Step } from './result.ts';
import type { SignatureTrust } from './trust.ts';

type CertificateMaterial = NonNullable<SignedEntry['certificate']>;

/**
 * Verifies a certificate-based signature. The certificate's key must verify the exact signed bytes, and
 * the certificate must be for code signing and chain to a configured authority at the signing time.
 * The payload must name the digest, and the SAN and issuer must equal a known keyless identity exactly.
 *
 * The signing time comes only from a verified Rekor entry. Without one, only an authority configured
 * with `requireSigningTime: false` can vouch, checked at `now`.
 */
export async function verifyCertificateSignature(
  entry: SignedEntry,
  material: CertificateMaterial,
  trust: SignatureTrust,
  now: Date,
): Promise<SignatureResult> {
  const context = { ...entry.context, kind: 'certificate' as const };
  const { leaf } = material;
  const sans = subjectAlternativeNames(leaf.certificate);
  const issuer = fulcioIssuer(leaf.certificate) ?? distinguishedName(leaf.certificate.issuer);
  const identity: CertificateIdentity = {
    san: sans[0] ?? '',
    issuer,
    notBefore: leaf.certificate.notBefore.value.toISOString(),
    notAfter: leaf.certificate.notAfter.value.toISOString(),
  };
  const details: ResultDetails = {
    certificate: identity,
    claims: claimsForDigest(entry) ?? entry.claims.subjects[0],
  };

  const key = certificatePublicKey(leaf.certificate);
  if (typeof key === 'string') {
    return buildResult(
      context,
      'unsupported',
      `The certificate's public key cannot be used: ${key}.`,
      details,
    );
  }
  if (!verifyWithPublicKey(key.key, entry.signedBytes, entry.signature)) {
    return buildResult(
      context,
      'bad-signature',
      "The signature does not verify with the certificate's public key.",
      details,
    );
  }
  const usageProblem = signingUsageProblem(leaf.certificate);
  if (usageProblem !== undefined) {
    return buildResult(context, 'certificate-untrusted', `${capitalise(usageProblem)}.`, details);
  }

  const log = checkLogEntries(entry, trust);
  if (!log.ok) return buildResult(context, log.reason, log.text, details);
  if (log.publicKeyPems.some((pem) => !namesCertificate(pem, leaf, key.fingerprint))) {
    return buildResult(
      context,
      'bad-signature',
      'The Rekor entry records a different certificate than the one in the signature.',
      details,
    );
  }

  const chain = await verifyChainAtSigningTime(entry, material, trust, log.signingTime, now);
  if (!chain.ok) return buildResult(context, chain.reason, chain.text, details);
  identity.signingTimeSource = chain.value;
  if (log.signingTime !== undefined) identity.logEntryTime = log.signingTime.toISOString();

  const claims = claimsForDigest(entry);
  if (claims === undefined) {
    return buildResult(context, 'digest-mismatch', digestMismatchText(entry), details);
  }

  const match = trust.identities.find((known) => known.issuer === issuer && sans.includes(known.san));
  if (match === undefined) {
    const names = sans.length === 0 ? '(no email, URI or DNS name)' : sans.join(', ');
    return buildResult(
      context,
      'identity-mismatch',
      `The certificate identity ${names} with issuer ${issuer} is not a known keyless identity.`,
      { ...details, claims, signerRef: `${identity.san}|${issuer}` },
    );
  }
  identity.san = match.san;
  return buildResult(context, 'ok', `Signed by ${match.san} (issuer ${match.issuer}).`, {
    ...details,
    claims,
    signerRef: `${match.san}|${match.issuer}`,
  });
}

/** Checks the chain at the verified signing time, or at `now` for authorities that allow it. */
async function verifyChainAtSigningTime(
  entry: SignedEntry,
  material: CertificateMaterial,
  trust: SignatureTrust,
  signingTime: Date | undefined,
  now: Date,
): Promise<Step<'rekor' | 'verification-time'>> {
  const { leaf, intermediates } = material;
  const { notBefore, notAfter } = leaf.certificate;

  if (signingTime !== undefined) {
    if (signingTime < notBefore.value || signingTime > notAfter.value) {
      return failed(
        'certificate-expired-at-signing',
        `The signing time ${signingTime.toISOString()} is outside the certificate's validity (${notBefore.value.toISOString()} to ${notAfter.value.toISOString()}).`,
      );
    }
    const chain = await verifyCertificateChain(
      leaf,
      intermediates,
      trust.certificateAuthorities,
      signingTime,
    );
    if (typeof chain === 'string') {
      return failed('certificate-untrusted', `The certificate chain is not trusted: ${chain}.`);
    }
    return passed('rekor');
  }

  const lenient = trust.certificateAuthorities.filter((authority) => !authority.requireSigningTime);
  const chainNow =
    lenient.length === 0 ? undefined : await verifyCertificateChain(leaf, intermediates, lenient, now);
  if (chainNow !== undefined && typeof chainNow !== 'string') return passed('verification-time');

  // Tell "trusted authority, but no time" apart from "untrusted": the chain is checked at the start of
  // the certificate's validity against the authorities that need a signing time.
  const strict = trust.certificateAuthorities.filter((authority) => authority.requireSigningTime);
  const chainAtIssue =
    strict.length === 0
      ? undefined
      : await verifyCertificateChain(leaf, intermediates, strict, notBefore.value);
  if (chainAtIssue !== undefined && typeof chainAtIssue !== 'string') {
    return failed('no-signing-time', noSigningTimeText(entry, trust));
  }
  const problem = chainNow ?? chainAtIssue ?? 'no certificate authority is configured';
  return failed('certificate-untrusted', `The certificate chain is not trusted: ${problem}.`);
}

function noSigningTimeText(entry: SignedEntry, trust: SignatureTrust): string {
  const prefix = "The certificate's authority requires a verified signing time, and";
  if (entry.logEntries.length > 0 && trust.rekorKeys.length === 0) {
    return `${prefix} its Rekor entry cannot be checked because no Rekor key is configured.`;
  }
  if (entry.logEntries.length > 0) {
    return `${prefix} its Rekor entry comes from a log that is not configured.`;
  }
  if (entry.logEntriesWithoutPromise > 0) {
    return `${prefix} its Rekor entries have no signed entry timestamp (inclusion proofs are not checked).`;
  }
  return `${prefix} the signature has no Rekor entry.`;
}

/** Checks whether a PEM from a Rekor entry is this certificate, or the public key inside it. */
function namesCertificate(pem: string, leaf: ParsedCertificate, keyFingerprint: string): boolean {
  const certificates = parseCertificatesPem(pem, 1);
  if (typeof certificates !== 'string' && certificates[0] !== undefined) {
    return Buffer.from(certificates[0].der).equals(Buffer.from(leaf.der));
  }
  const key = parsePublicKeyPem(pem);
  return typeof key !== 'string' && key.fingerprint === keyFingerprint;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
