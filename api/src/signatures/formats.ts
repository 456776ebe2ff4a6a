/** Media types, annotation keys and payload types of cosign signatures and Sigstore bundles. */

/** Media type of a cosign simple-signing payload layer in a `.sig` manifest. */
export const simpleSigningMediaType = 'application/vnd.dev.cosign.simplesigning.v1+json';

/** `critical.type` of a cosign container image signature payload. */
export const simpleSigningType = 'cosign container image signature';

export const cosignAnnotations = {
  signature: 'dev.cosignproject.cosign/signature',
  certificate: 'dev.sigstore.cosign/certificate',
  chain: 'dev.sigstore.cosign/chain',
  bundle: 'dev.sigstore.cosign/bundle',
} as const;

/**
 * Sigstore bundle media types. Up to v0.2 the version is a media type parameter; v0.3 moved it into the
 * subtype, after a short-lived parameter form. Referrer manifests carry the same string as `artifactType`.
 */
export const sigstoreBundleMediaTypes: readonly string[] = [
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
];

/** Annotation that cosign sets on a bundle referrer to name the in-toto predicate type inside. */
export const bundlePredicateTypeAnnotation = 'dev.sigstore.bundle.predicateType';

/** In-toto predicate type of an image signature made by cosign v3 (and v2 with `--new-bundle-format`). */
export const cosignSignPredicateType = 'https://sigstore.dev/cosign/sign/v1';

export const inTotoPayloadType = 'application/vnd.in-toto+json';

export const inTotoStatementTypes: readonly string[] = [
  'https://in-toto.io/Statement/v1',
  'https://in-toto.io/Statement/v0.1',
];

/** Returns the cosign signature tag of an image digest: `sha256:<hex>` becomes `sha256-<hex>.sig`. */
export function signatureTagFor(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/** Digest syntax of the OCI image specification, restricted to the registered algorithms. */
const digestPattern = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

export function isDigest(value: string): boolean {
  return digestPattern.test(value);
}
