import { createHash } from 'node:crypto';
import type { CosignLayerCandidate, SignedEntry } from './candidate.ts';
import { parseCertificatesPem } from './certificate.ts';
import { cosignAnnotations, simpleSigningMediaType } from './formats.ts';
import { parseSimpleSigningPayload } from './payload.ts';
import { parseCosignBundleAnnotation } from './rekor.ts';
import { failed, passed, type Step } from './result.ts';

/** Most certificates accepted in a chain annotation; Fulcio and typical private PKIs use two. */
export const maxChainCertificates = 10;

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes base64 as Go's standard decoder does, which cosign uses: line breaks are skipped, anything
 * else outside the alphabet or missing padding is an error.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !base64Pattern.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Treats an empty annotation as absent: cosign writes empty certificate and chain annotations for key signatures. */
function annotation(candidate: CosignLayerCandidate, key: string): string | undefined {
  const value = candidate.annotations[key];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Decodes a `.sig` layer into a signed entry, or the reason it cannot be one. */
export function readCosignLayer(candidate: CosignLayerCandidate): Step<SignedEntry> {
  const context = { digest: candidate.digest, source: 'cosign-tag' as const, location: candidate.location };
  if (candidate.mediaType !== simpleSigningMediaType) {
    return failed(
      'not-a-signature',
      `The layer's media type is "${candidate.mediaType}", not a cosign simple-signing payload.`,
    );
  }

  const signatureText = annotation(candidate, cosignAnnotations.signature);
  if (signatureText === undefined) {
    return failed('malformed-payload', `The layer has no ${cosignAnnotations.signature} annotation.`);
  }
  const signature = decodeBase64(signatureText);
  if (signature === undefined) {
    return failed('malformed-payload', `The ${cosignAnnotations.signature} annotation is not valid base64.`);
  }

  const claims = parseSimpleSigningPayload(candidate.payload);
  if (!claims.ok) return claims;

  const certificateText = annotation(candidate, cosignAnnotations.certificate);
  let certificate: SignedEntry['certificate'];
  if (certificateText !== undefined) {
    const leaf = parseCertificatesPem(certificateText, 1);
    if (typeof leaf === 'string' || leaf[0] === undefined) {
      const problem = typeof leaf === 'string' ? leaf : 'contains no certificate';
      return failed('malformed-payload', `The ${cosignAnnotations.certificate} annotation ${problem}.`);
    }
    const chain = parseCertificatesPem(
      annotation(candidate, cosignAnnotations.chain) ?? '',
      maxChainCertificates,
    );
    if (typeof chain === 'string') {
      return failed('malformed-payload', `The ${cosignAnnotations.chain} annotation ${chain}.`);
    }
    certificate = { leaf: leaf[0], intermediates: chain };
  }

  const bundleText = annotation(candidate, cosignAnnotations.bundle);
  const logEntry = bundleText === undefined ? undefined : parseCosignBundleAnnotation(bundleText);
  if (typeof logEntry === 'string') return failed('malformed-payload', `The layer's ${logEntry}.`);

  return passed({
    context: { ...context, kind: certificate === undefined ? 'key' : 'certificate' },
    signedBytes: candidate.payload,
    signature,
    payloadSha256: createHash('sha256').update(candidate.payload).digest('hex'),
    claims: claims.value,
    certificate,
    logEntries: logEntry === undefined ? [] : [logEntry],
    logEntriesWithoutPromise: 0,
  });
}
