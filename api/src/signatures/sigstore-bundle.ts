import { createHash } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';
import type { BundleCandidate, SignedEntry } from './candidate.ts';
import { parseCertificateDer, type ParsedCertificate } from './certificate.ts';
import { maxChainCertificates } from './cosign-layer.ts';
import { sigstoreBundleMediaTypes } from './formats.ts';
import { parseSignStatement } from './payload.ts';
import type { LogEntry } from './rekor.ts';
import { failed, passed, type Step } from './result.ts';

function parseBundle(bytes: Uint8Array): Step<Bundle> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return failed('malformed-payload', 'The Sigstore bundle is not valid JSON.');
  }
  try {
    return passed(bundleFromJSON(value));
  } catch (error) {
    const fields = (error as { fields?: string[] }).fields;
    const detail = fields === undefined ? (error as Error).message : `invalid fields: ${fields.join(', ')}`;
    return failed('malformed-payload', `The Sigstore bundle is invalid (${detail}).`);
  }
}

/** The DSSE envelope of a Sigstore bundle with the verification material that comes with it. */
export interface BundleEnvelope {
  payloadType: string;
  /** The decoded DSSE payload: the statement bytes. */
  payload: Buffer;
  signature: Uint8Array;
  /** Absent for a public-key bundle. */
  certificate?: { leaf: ParsedCertificate; intermediates: ParsedCertificate[] };
  logEntries: LogEntry[];
  /** Log entries that cannot provide a signing time (no SET), named for messages. */
  logEntriesWithoutPromise: number;
}

/**
 * Parses Sigstore bundle bytes of a supported media type that hold a DSSE envelope with one signature,
 * and reads its certificates and Rekor entries. `expectedContent` names the content in messages, for example
 * "cosign image signatures".
 */
export function readBundleEnvelope(bytes: Uint8Array, expectedContent: string): Step<BundleEnvelope> {
  const parsed = parseBundle(bytes);
  if (!parsed.ok) return parsed;

  const bundle = parsed.value;
  if (!sigstoreBundleMediaTypes.includes(bundle.mediaType)) {
    return failed('unsupported', `Sigstore bundle media type "${bundle.mediaType}" is not supported.`);
  }
  if (bundle.content.$case !== 'dsseEnvelope') {
    return failed(
      'unsupported',
      `The bundle holds a message signature, which names no image digest; ${expectedContent} use a DSSE envelope.`,
    );
  }

  const envelope = bundle.content.dsseEnvelope;
  const [envelopeSignature] = envelope.signatures;
  if (envelope.signatures.length !== 1 || envelopeSignature === undefined) {
    return failed(
      'unsupported',
      `The DSSE envelope has ${envelope.signatures.length} signatures; exactly one is supported.`,
    );
  }

  const certificate = readVerificationCertificates(bundle);
  if (typeof certificate === 'string') return failed('malformed-payload', certificate);

  const logEntries: LogEntry[] = [];
  let logEntriesWithoutPromise = 0;
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    // NOTE: entries with only an inclusion proof (Rekor v2) and RFC 3161 timestamps are not verified,
    // so they provide no signing time.
    if (entry.inclusionPromise === undefined) {
      logEntriesWithoutPromise++;
      continue;
    }
    logEntries.push({
      bodyBase64: Buffer.from(entry.canonicalizedBody).toString('base64'),
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logId: Buffer.from(entry.logId.keyId).toString('hex'),
      signedEntryTimestamp: new Uint8Array(entry.inclusionPromise.signedEntryTimestamp),
    });
  }

  return passed({
    payloadType: envelope.payloadType,
    payload: envelope.payload,
    signature: new Uint8Array(envelopeSignature.sig),
    ...(certificate === undefined ? {} : { certificate }),
    logEntries,
    logEntriesWithoutPromise,
  });
}

/**
 * Decodes a Sigstore bundle referrer into a signed entry. Only DSSE envelopes with cosign's image
 * signature statement are signatures: a message signature signs an artifact digest without saying which
 * image it is about, so it cannot be bound to a manifest digest.
 */
export function readSigstoreBundle(candidate: BundleCandidate): Step<SignedEntry> {
  const context = {
    digest: candidate.digest,
    source: 'referrer-bundle' as const,
    location: candidate.location,
  };
  const read = readBundleEnvelope(candidate.bytes, 'cosign image signatures');
  if (!read.ok) return read;

  const envelope = read.value;
  const claims = parseSignStatement(envelope.payloadType, envelope.payload);
  if (!claims.ok) return claims;

  return passed({
    context: { ...context, kind: envelope.certificate === undefined ? 'key' : 'certificate' },
    signedBytes: new Uint8Array(dsse.preAuthEncoding(envelope.payloadType, envelope.payload)),
    signature: envelope.signature,
    payloadSha256: createHash('sha256').update(envelope.payload).digest('hex'),
    claims: claims.value,
    certificate: envelope.certificate,
    logEntries: envelope.logEntries,
    logEntriesWithoutPromise: envelope.logEntriesWithoutPromise,
  });
}

/** Returns the leaf and intermediates, undefined for a public-key bundle, or an error message. */
function readVerificationCertificates(
  bundle: Bundle,
): { leaf: ParsedCertificate; intermediates: ParsedCertificate[] } | undefined | string {
  const material = bundle.verificationMaterial.content;
  if (material.$case === 'publicKey') return undefined;

  const rawCertificates =
    material.$case === 'certificate'
      ? [material.certificate.rawBytes]
      : material.x509CertificateChain.certificates.map((certificate) => certificate.rawBytes);
  if (rawCertificates.length > maxChainCertificates + 1) {
    return `The bundle carries ${rawCertificates.length} certificates, more than ${maxChainCertificates + 1}.`;
  }

  const parsed = rawCertificates.map((raw) => parseCertificateDer(new Uint8Array(raw)));
  const [leaf, ...intermediates] = parsed;
  if (leaf === undefined || intermediates.some((entry) => entry === undefined)) {
    return 'The bundle contains a certificate that is not valid DER X.509.';
  }
  return { leaf, intermediates: intermediates as ParsedCertificate[] };
}
