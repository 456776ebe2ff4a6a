import { dsse } from '@sigstore/core';
import { signBytes, type TestSigningKey } from './keys.ts';
import type { TestLogEntry } from './rekor.ts';

export const cosignSignPredicateType = 'https://sigstore.dev/cosign/sign/v1';
export const bundleV03MediaType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const bundleV01MediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';

/** Builds the in-toto statement cosign v3 signs for an image digest. */
export function signStatement(digest: string, predicateType = cosignSignPredicateType): Uint8Array {
  const [algorithm, hex] = digest.split(':');
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ digest: { [algorithm ?? 'sha256']: hex }, annotations: {} }],
    predicateType,
    predicate: {},
  };
  return new TextEncoder().encode(JSON.stringify(statement));
}

export interface DsseSignature {
  payload: Uint8Array;
  payloadType: string;
  signature: Uint8Array;
}

/** Signs a statement the DSSE way: over the pre-authentication encoding of type and payload. */
export function signDsse(
  key: Pick<TestSigningKey, 'type' | 'privateKey'>,
  payload: Uint8Array,
): DsseSignature {
  const payloadType = 'application/vnd.in-toto+json';
  const signed = dsse.preAuthEncoding(payloadType, Buffer.from(payload));
  return { payload, payloadType, signature: signBytes(key, signed) };
}

export interface BundleOptions {
  envelope: DsseSignature;
  /** DER certificates: the leaf first. A v0.3 bundle takes only the leaf. */
  certificates?: Uint8Array[];
  logEntries?: TestLogEntry[];
  mediaType?: string;
}

/** Serialises a Sigstore bundle with a DSSE envelope, as cosign v3 stores it in a referrer. */
export function buildBundle(options: BundleOptions): Uint8Array {
  const mediaType = options.mediaType ?? bundleV03MediaType;
  const certificates = options.certificates ?? [];
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const content =
    certificates.length === 0
      ? { publicKey: { hint: '' } }
      : mediaType === bundleV03MediaType
        ? { certificate: { rawBytes: base64(certificates[0] ?? new Uint8Array()) } }
        : { x509CertificateChain: { certificates: certificates.map((der) => ({ rawBytes: base64(der) })) } };

  const bundle = {
    mediaType,
    verificationMaterial: {
      ...content,
      tlogEntries: (options.logEntries ?? []).map((entry) => entry.bundleTlogEntry),
      timestampVerificationData: { rfc3161Timestamps: [] },
    },
    dsseEnvelope: {
      payload: base64(options.envelope.payload),
      payloadType: options.envelope.payloadType,
      signatures: [{ sig: base64(options.envelope.signature), keyid: '' }],
    },
  };
  return new TextEncoder().encode(JSON.stringify(bundle));
}
