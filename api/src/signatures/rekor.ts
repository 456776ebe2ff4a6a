import { json } from '@sigstore/core';
import { z } from 'zod';
import { verifyWithPublicKey } from './public-key.ts';
import type { RekorLogKey } from './trust.ts';

/** A Rekor v1 log entry with its signed entry timestamp (SET), from a cosign layer or a Sigstore bundle. */
export interface LogEntry {
  /** Base64 of the canonicalized entry body, exactly as the SET covers it. */
  bodyBase64: string;
  /** Seconds since the Unix epoch. */
  integratedTime: number;
  logIndex: number;
  /** Lowercase hex log ID. */
  logId: string;
  signedEntryTimestamp: Uint8Array;
}

/** Signature and payload hash that a log entry body must record. */
export interface EntryBinding {
  signature: Uint8Array;
  /** Lowercase hex SHA-256 of the payload: the signed bytes, or the DSSE payload for `dsse` entries. */
  payloadSha256: string;
}

export type LogEntryCheck =
  | { status: 'verified'; integratedTime: Date; publicKeyPem: string }
  /** The entry names a log whose key is not configured, so its time cannot be trusted. */
  | { status: 'unknown-log'; text: string }
  | { status: 'invalid'; text: string }
  | { status: 'unsupported'; text: string };

/** The `dev.sigstore.cosign/bundle` annotation of a cosign layer. */
const cosignBundleSchema = z.object({
  SignedEntryTimestamp: z.string().min(1),
  Payload: z.object({
    body: z.string().min(1),
    integratedTime: z.number().int().nonnegative(),
    logIndex: z.number().int().nonnegative(),
    logID: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

/** Parses the cosign bundle annotation, or returns why it is not one. */
export function parseCosignBundleAnnotation(text: string): LogEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the dev.sigstore.cosign/bundle annotation is not JSON';
  }
  const parsed = cosignBundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `the dev.sigstore.cosign/bundle annotation is not a Rekor bundle (${issue?.path.join('.')}: ${issue?.message})`;
  }
  const { SignedEntryTimestamp, Payload } = parsed.data;
  return {
    bodyBase64: Payload.body,
    integratedTime: Payload.integratedTime,
    logIndex: Payload.logIndex,
    logId: Payload.logID,
    signedEntryTimestamp: new Uint8Array(Buffer.from(SignedEntryTimestamp, 'base64')),
  };
}

/**
 * Verifies a log entry: the SET is the log's signature over the canonical JSON (RFC 8785) of
 * `{body, integratedTime, logIndex, logID}`, and the body must record this signature and payload hash.
 * Returns the integrated time and the public key or certificate PEM that the body names.
 */
export function checkLogEntry(
  entry: LogEntry,
  binding: EntryBinding,
  rekorKeys: RekorLogKey[],
): LogEntryCheck {
  const log = rekorKeys.find((candidate) => candidate.logId === entry.logId);
  if (log === undefined) {
    return { status: 'unknown-log', text: `Rekor log ${entry.logId} is not a configured transparency log` };
  }

  const signedData = Buffer.from(
    json.canonicalize({
      body: entry.bodyBase64,
      integratedTime: entry.integratedTime,
      logIndex: entry.logIndex,
      logID: entry.logId,
    }),
    'utf8',
  );
  if (!verifyWithPublicKey(log.key.key, signedData, entry.signedEntryTimestamp)) {
    return {
      status: 'invalid',
      text: `the signed entry timestamp does not verify with the key of Rekor log ${entry.logId}`,
    };
  }

  const body = decodeBody(entry.bodyBase64);
  if (body === undefined) {
    return { status: 'invalid', text: 'the Rekor entry body is not base64-encoded JSON' };
  }

  const recorded = readBody(body);
  if (typeof recorded === 'string') return { status: 'unsupported', text: recorded };
  if (!Buffer.from(recorded.signature).equals(Buffer.from(binding.signature))) {
    return { status: 'invalid', text: 'the Rekor entry records a different signature' };
  }
  if (recorded.payloadSha256 !== binding.payloadSha256) {
    return { status: 'invalid', text: 'the Rekor entry records the hash of a different payload' };
  }
  return {
    status: 'verified',
    integratedTime: new Date(entry.integratedTime * 1000),
    publicKeyPem: recorded.publicKeyPem,
  };
}

function decodeBody(bodyBase64: string): unknown {
  try {
    return JSON.parse(Buffer.from(bodyBase64, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const base64Text = z.string().min(1);
const sha256Hash = z.object({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) });

const hashedRekordBody = z.object({
  kind: z.literal('hashedrekord'),
  apiVersion: z.literal('0.0.1'),
  spec: z.object({
    data: z.object({ hash: sha256Hash }),
    signature: z.object({ content: base64Text, publicKey: z.object({ content: base64Text }) }),
  }),
});

const dsseBody = z.object({
  kind: z.literal('dsse'),
  apiVersion: z.literal('0.0.1'),
  spec: z.object({
    payloadHash: sha256Hash,
    signatures: z.array(z.object({ signature: base64Text, verifier: base64Text })).length(1),
  }),
});

// `intoto` 0.0.2 is what `cosign attest` writes: the log keeps the envelope without its payload, the
// signature base64-encoded a second time and the key as base64 PEM.
const intotoBody = z.object({
  kind: z.literal('intoto'),
  apiVersion: z.literal('0.0.2'),
  spec: z.object({
    content: z.object({
      payloadHash: sha256Hash,
      envelope: z.object({
        signatures: z.array(z.object({ sig: base64Text, publicKey: base64Text })).length(1),
      }),
    }),
  }),
});

interface RecordedSignature {
  signature: Uint8Array;
  payloadSha256: string;
  publicKeyPem: string;
}

/** Reads the signature, payload hash and key of a `hashedrekord` 0.0.1, `dsse` 0.0.1 or `intoto` 0.0.2 entry body. */
function readBody(body: unknown): RecordedSignature | string {
  const hashedRekord = hashedRekordBody.safeParse(body);
  if (hashedRekord.success) {
    const { spec } = hashedRekord.data;
    return {
      signature: new Uint8Array(Buffer.from(spec.signature.content, 'base64')),
      payloadSha256: spec.data.hash.value,
      publicKeyPem: Buffer.from(spec.signature.publicKey.content, 'base64').toString('utf8'),
    };
  }

  const dsse = dsseBody.safeParse(body);
  if (dsse.success) {
    const [entry] = dsse.data.spec.signatures;
    if (entry === undefined) return 'the dsse Rekor entry records no signature';
    return {
      signature: new Uint8Array(Buffer.from(entry.signature, 'base64')),
      payloadSha256: dsse.data.spec.payloadHash.value,
      publicKeyPem: Buffer.from(entry.verifier, 'base64').toString('utf8'),
    };
  }

  const intoto = intotoBody.safeParse(body);
  if (intoto.success) {
    const [entry] = intoto.data.spec.content.envelope.signatures;
    if (entry === undefined) return 'the intoto Rekor entry records no signature';
    const envelopeSignature = Buffer.from(entry.sig, 'base64').toString('utf8');
    return {
      signature: new Uint8Array(Buffer.from(envelopeSignature, 'base64')),
      payloadSha256: intoto.data.spec.content.payloadHash.value,
      publicKeyPem: Buffer.from(entry.publicKey, 'base64').toString('utf8'),
    };
  }

  const kind = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).kind : undefined;
  const version =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).apiVersion : undefined;
  return `Rekor entries of kind ${JSON.stringify(kind)} version ${JSON.stringify(version)} are not supported (only hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2)`;
}

/** Returns the public key or certificate PEM that a log entry body names, without checking the entry's SET. */
export function logEntryPublicKeyPem(entry: LogEntry): string | undefined {
  const body = decodeBody(entry.bodyBase64);
  if (body === undefined) return undefined;
  const recorded = readBody(body);
  return typeof recorded === 'string' ? undefined : recorded.publicKeyPem;
}
