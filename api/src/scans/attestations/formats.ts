/** How cosign stores attestations in a registry. */

/** Media type of a layer of the `.att` manifest: a DSSE envelope holding an in-toto statement. */
export const dsseEnvelopeMediaType = 'application/vnd.dsse.envelope.v1+json';

/** DSSE payload type of an in-toto statement. */
export const inTotoPayloadType = 'application/vnd.in-toto+json';

/**
 * Layer annotation in which cosign names the predicate type. It is not signed, so it only helps to
 * skip layers early; the signed statement decides.
 */
export const predicateTypeAnnotation = 'predicateType';

/** Returns the cosign attestation tag of an image digest: `sha256:<hex>` becomes `sha256-<hex>.att`. */
export function attestationTagFor(digest: string): string {
  return `${digest.replace(':', '-')}.att`;
}
