import type { SignatureResult } from '../contract/signature.ts';
import { claimsForDigest, digestMismatchText } from './binding.ts';
import type { SignedEntry } from './candidate.ts';
import { readLogEntryKeys } from './log-entry-keys.ts';
import { checkLogEntries } from './log-entries.ts';
import { parsePublicKeyPem, verifyWithPublicKey, type PublicKeyInfo } from './public-key.ts';
import { buildResult } from './result.ts';
import type { SignatureTrust } from './trust.ts';

/**
 * Verifies a key-based signature: a known key must verify the exact signed bytes, every Rekor entry from
 * a configured log must verify and record this signature and key, and the payload must name the digest.
 *
 * When no known key verifies it but a key named by a Rekor entry body does, the checks still run with
 * that key. A signature that passes them is `unknown-key` with the key's fingerprint and PEM, so that an
 * administrator can review the signer.
 */
export function verifyKeySignature(entry: SignedEntry, trust: SignatureTrust): SignatureResult {
  const context = { ...entry.context, kind: 'key' as const };
  const verifies = (key: PublicKeyInfo) => verifyWithPublicKey(key.key, entry.signedBytes, entry.signature);

  const knownKey = trust.keys.find(verifies);
  const signer = knownKey ?? readLogEntryKeys(entry).find(verifies);
  if (signer === undefined) {
    return buildResult(
      context,
      'unknown-key',
      'No known public key verifies this signature, and no Rekor entry names a key that does.',
      { claims: claimsForDigest(entry) ?? entry.claims.subjects[0] },
    );
  }

  const details = { keyFingerprint: signer.fingerprint, signerRef: signer.fingerprint };
  const log = checkLogEntries(entry, trust);
  if (!log.ok) return buildResult(context, log.reason, log.text, details);
  if (log.publicKeyPems.some((pem) => !isSameKey(pem, signer))) {
    return buildResult(
      context,
      'bad-signature',
      'The Rekor entry records a different public key than the one that verified the signature.',
      details,
    );
  }

  const claims = claimsForDigest(entry);
  if (claims === undefined) {
    return buildResult(context, 'digest-mismatch', digestMismatchText(entry), {
      ...details,
      claims: entry.claims.subjects[0],
    });
  }

  if (knownKey === undefined) {
    return buildResult(
      context,
      'unknown-key',
      `The signature was made with the key ${signer.fingerprint} (${signer.algorithm}), which is not a known signer key.`,
      { ...details, publicKeyPem: signer.pem, claims },
    );
  }
  return buildResult(
    context,
    'ok',
    `Signed with the known key ${signer.fingerprint} (${signer.algorithm}).`,
    {
      ...details,
      claims,
    },
  );
}

function isSameKey(pem: string, key: PublicKeyInfo): boolean {
  const parsed = parsePublicKeyPem(pem);
  return typeof parsed !== 'string' && parsed.fingerprint === key.fingerprint;
}
