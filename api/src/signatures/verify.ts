import type { SignatureResult } from '../contract/signature.ts';
import type { SignatureCandidate, SignedEntry } from './candidate.ts';
import { readCosignLayer } from './cosign-layer.ts';
import type { SignatureDiscovery } from './discover.ts';
import { buildResult, type EntryContext, type Step } from './result.ts';
import { readSigstoreBundle } from './sigstore-bundle.ts';
import type { SignatureTrust } from './trust.ts';
import { verifyCertificateSignature } from './verify-certificate.ts';
import { verifyKeySignature } from './verify-key.ts';

export interface VerifyOptions {
  /** Verification time for authorities that accept signatures without a signing time; defaults to the current time. */
  now?: Date;
}

/**
 * Verifies one discovered signature against the trust settings. Fails closed: every parse error,
 * unsupported format and unexpected exception becomes a non-valid result, and the promise never rejects.
 */
export async function verifySignature(
  candidate: SignatureCandidate,
  trust: SignatureTrust,
  options: VerifyOptions = {},
): Promise<SignatureResult> {
  const context: EntryContext = {
    digest: candidate.digest,
    source: candidate.format === 'cosign-layer' ? 'cosign-tag' : 'referrer-bundle',
    location: candidate.location,
  };

  try {
    const entry: Step<SignedEntry> =
      candidate.format === 'cosign-layer' ? readCosignLayer(candidate) : readSigstoreBundle(candidate);
    if (!entry.ok) return buildResult(context, entry.reason, entry.text);

    const { certificate } = entry.value;
    if (certificate === undefined) return verifyKeySignature(entry.value, trust);
    return await verifyCertificateSignature(entry.value, certificate, trust, options.now ?? new Date());
  } catch (error) {
    return buildResult(
      context,
      'unsupported',
      `Verification stopped on an unexpected error, so the signature is not trusted: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Verifies every candidate of a discovery and returns their results after the discovery's own problems. */
export async function verifySignatures(
  discovery: SignatureDiscovery,
  trust: SignatureTrust,
  options: VerifyOptions = {},
): Promise<SignatureResult[]> {
  const verified: SignatureResult[] = [];
  for (const candidate of discovery.candidates)
    verified.push(await verifySignature(candidate, trust, options));
  return [...discovery.problems, ...verified];
}
