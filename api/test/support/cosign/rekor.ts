import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { json } from '@sigstore/core';

/** What a log entry records: the signature, the hash of the signed payload and the signer's key or certificate. */
export interface LogEntryContent {
  payload: Uint8Array;
  signature: Uint8Array;
  /** PEM of the public key or of the signing certificate. */
  publicKeyPem: string;
  integratedTime: Date;
  /**
   * `hashedrekord` for simple-signing payloads (default), `dsse` for DSSE envelopes, `intoto` for the
   * envelopes that `cosign attest` logs.
   */
  kind?: 'hashedrekord' | 'dsse' | 'intoto';
}

/** A Rekor entry in both serialisations Assay reads. */
export interface TestLogEntry {
  /** Value of the `dev.sigstore.cosign/bundle` layer annotation. */
  cosignBundleAnnotation: string;
  /** Entry of a Sigstore bundle's `verificationMaterial.tlogEntries`, in bundle JSON form. */
  bundleTlogEntry: Record<string, unknown>;
}

/** A stand-in transparency log: an ECDSA P-256 key that signs entry timestamps the way Rekor v1 does. */
export interface TestRekorLog {
  publicKeyPem: string;
  /** Lowercase hex SHA-256 of the DER public key. */
  logId: string;
  createEntry(content: LogEntryContent): TestLogEntry;
}

function base64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64');
}

function entryBody(content: LogEntryContent): Record<string, unknown> {
  const payloadHash = {
    algorithm: 'sha256',
    value: createHash('sha256').update(content.payload).digest('hex'),
  };
  if (content.kind === 'intoto') {
    return {
      apiVersion: '0.0.2',
      kind: 'intoto',
      spec: {
        content: {
          envelope: {
            payloadType: 'application/vnd.in-toto+json',
            // Rekor stores the envelope's base64 signature as bytes, so it is encoded twice.
            signatures: [{ sig: base64(base64(content.signature)), publicKey: base64(content.publicKeyPem) }],
          },
          hash: payloadHash,
          payloadHash,
        },
      },
    };
  }
  if (content.kind === 'dsse') {
    return {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: payloadHash,
        payloadHash,
        signatures: [{ signature: base64(content.signature), verifier: base64(content.publicKeyPem) }],
      },
    };
  }
  return {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: payloadHash },
      signature: { content: base64(content.signature), publicKey: { content: base64(content.publicKeyPem) } },
    },
  };
}

/** A body of another kind than the ones `LogEntryContent.kind` names, with the label of its bundle entry. */
export interface CustomEntryBody {
  kind: string;
  version: string;
  bodyFor: (content: LogEntryContent) => unknown;
}

/**
 * Creates a log whose entries verify with its own key; index numbers count up from 1. With `custom`,
 * every entry records the body it returns instead of the standard body of the entry's kind.
 */
export function createTestRekorLog(custom?: CustomEntryBody): TestRekorLog {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const logId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  let logIndex = 0;

  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    logId,
    createEntry(content) {
      logIndex++;
      const body =
        custom === undefined
          ? { value: entryBody(content), kind: content.kind ?? 'hashedrekord' }
          : { value: custom.bodyFor(content), kind: custom.kind };
      const version = custom?.version ?? (content.kind === 'intoto' ? '0.0.2' : '0.0.1');
      return signEntry(privateKey, logId, logIndex, content, { ...body, version });
    },
  };
}

function signEntry(
  privateKey: KeyObject,
  logId: string,
  logIndex: number,
  content: LogEntryContent,
  body: { value: unknown; kind: string; version: string },
): TestLogEntry {
  const canonicalBody = json.canonicalize(body.value);
  const integratedTime = Math.floor(content.integratedTime.getTime() / 1000);
  const signed = { body: base64(canonicalBody), integratedTime, logIndex, logID: logId };
  const signedEntryTimestamp = sign('sha256', Buffer.from(json.canonicalize(signed)), privateKey);

  return {
    cosignBundleAnnotation: JSON.stringify({
      SignedEntryTimestamp: base64(signedEntryTimestamp),
      Payload: signed,
    }),
    bundleTlogEntry: {
      logIndex: String(logIndex),
      logId: { keyId: base64(Buffer.from(logId, 'hex')) },
      kindVersion: { kind: body.kind, version: body.version },
      integratedTime: String(integratedTime),
      inclusionPromise: { signedEntryTimestamp: base64(signedEntryTimestamp) },
      // NOTE: a placeholder proof, which Assay does not check; v0.2+ bundles must carry one.
      inclusionProof: {
        logIndex: String(logIndex),
        rootHash: base64(createHash('sha256').update(canonicalBody).digest()),
        treeSize: String(logIndex + 1),
        hashes: [],
        checkpoint: { envelope: 'placeholder checkpoint\n' },
      },
      canonicalizedBody: base64(canonicalBody),
    },
  };
}
