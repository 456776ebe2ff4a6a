/** Options of a cosign simple-signing payload. */
export interface SimpleSigningOptions {
  digest: string;
  dockerReference?: string;
  /** The `optional` object, for example `{ creator: 'ci' }`. */
  annotations?: Record<string, unknown>;
  /** `critical.type`; only `cosign container image signature` is a signature. */
  type?: string;
  /** Writes the digest under the capitalised key that early cosign versions used. */
  capitalisedDigestKey?: boolean;
}

/** Builds the exact payload bytes cosign signs for an image digest. */
export function simpleSigningPayload(options: SimpleSigningOptions): Uint8Array {
  const digestKey =
    options.capitalisedDigestKey === true ? 'Docker-manifest-digest' : 'docker-manifest-digest';
  const payload = {
    critical: {
      identity: { 'docker-reference': options.dockerReference ?? '127.0.0.1/assay/test' },
      image: { [digestKey]: options.digest },
      type: options.type ?? 'cosign container image signature',
    },
    optional: options.annotations ?? null,
  };
  return new TextEncoder().encode(JSON.stringify(payload));
}
