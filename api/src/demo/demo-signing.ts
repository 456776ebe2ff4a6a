import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { json } from '@sigstore/core';
import { cosignAnnotations, signatureTagFor, simpleSigningMediaType } from '../signatures/formats.ts';
import { mediaTypes, type Descriptor } from '../registry/types.ts';
import type { LayoutWriter } from './layout-writer.ts';

const keysDir = path.join(import.meta.dirname, 'keys');

/** A demo private key from `keys/`, with its public key as cosign.pub would hold it. */
export interface DemoKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function readDemoKey(file: string): DemoKey {
  const privateKey = createPrivateKey(readFileSync(path.join(keysDir, file), 'utf8'));
  return {
    privateKey,
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function readDemoFile(file: string): string {
  return readFileSync(path.join(keysDir, file), 'utf8');
}

/** One layer of a `.sig` manifest: the simple-signing payload and the annotations of its descriptor. */
export interface DemoSignatureLayer {
  payload: Uint8Array;
  annotations: Record<string, string>;
}

/** The exact payload bytes `cosign sign` signs for an image digest. */
export function simpleSigningPayload(repository: string, digest: string): Uint8Array {
  const payload = {
    critical: {
      identity: { 'docker-reference': `index.docker.io/${repository}` },
      image: { 'docker-manifest-digest': digest },
      type: 'cosign container image signature',
    },
    optional: { creator: 'assay demo' },
  };
  return new TextEncoder().encode(JSON.stringify(payload));
}

/** Signs as cosign does for the key's type: ECDSA over SHA-256 with a DER signature, or pure Ed25519. */
function signPayload(key: KeyObject, payload: Uint8Array): Uint8Array {
  return key.asymmetricKeyType === 'ed25519'
    ? new Uint8Array(sign(null, payload, key))
    : new Uint8Array(sign('sha256', payload, { key, dsaEncoding: 'der' }));
}

/** A stand-in Rekor log: its key signs entry timestamps over canonical JSON, as Rekor v1 does. */
export interface DemoRekorLog {
  key: DemoKey;
  /** Lowercase hex SHA-256 of the DER public key, as Rekor derives its log ID. */
  logId: string;
  nextIndex: number;
}

export function createDemoRekorLog(key: DemoKey): DemoRekorLog {
  const der = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' });
  return { key, logId: createHash('sha256').update(der).digest('hex'), nextIndex: 1 };
}

/** A Rekor v1 entry of the demo log: the body, its place in the log and the log's signed entry timestamp. */
interface SignedLogEntry {
  entry: { body: string; integratedTime: number; logIndex: number; logID: string };
  signedEntryTimestamp: Buffer;
}

/** Adds `body` to the demo log: the SET signs the canonical JSON of body, time, index and log ID. */
function signLogEntry(log: DemoRekorLog, body: unknown, integratedTime: Date): SignedLogEntry {
  const entry = {
    body: Buffer.from(JSON.stringify(body)).toString('base64'),
    integratedTime: Math.floor(integratedTime.getTime() / 1000),
    logIndex: log.nextIndex++,
    logID: log.logId,
  };
  const signedEntryTimestamp = sign('sha256', Buffer.from(json.canonicalize(entry), 'utf8'), {
    key: log.key.privateKey,
    dsaEncoding: 'der',
  });
  return { entry, signedEntryTimestamp };
}

/** The `dev.sigstore.cosign/bundle` annotation: a hashedrekord entry and its signed entry timestamp. */
function rekorBundleAnnotation(
  log: DemoRekorLog,
  payload: Uint8Array,
  signature: Uint8Array,
  verifierPem: string,
  integratedTime: Date,
): string {
  const body = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: createHash('sha256').update(payload).digest('hex') } },
      signature: {
        content: Buffer.from(signature).toString('base64'),
        publicKey: { content: Buffer.from(verifierPem).toString('base64') },
      },
    },
  };
  const { entry, signedEntryTimestamp } = signLogEntry(log, body, integratedTime);
  return JSON.stringify({ SignedEntryTimestamp: signedEntryTimestamp.toString('base64'), Payload: entry });
}

/**
 * Logs a DSSE envelope's signature as a `dsse` 0.0.1 entry and returns it as a Sigstore bundle's
 * `tlogEntries` item (v0.1 bundle JSON, which needs the signed entry timestamp but no inclusion proof).
 */
export function dsseBundleLogEntry(
  log: DemoRekorLog,
  statement: Uint8Array,
  signature: Uint8Array,
  verifierPem: string,
  integratedTime: Date,
): Record<string, unknown> {
  const payloadHash = { algorithm: 'sha256', value: createHash('sha256').update(statement).digest('hex') };
  const body = {
    apiVersion: '0.0.1',
    kind: 'dsse',
    spec: {
      payloadHash,
      signatures: [
        {
          signature: Buffer.from(signature).toString('base64'),
          verifier: Buffer.from(verifierPem).toString('base64'),
        },
      ],
    },
  };
  const { entry, signedEntryTimestamp } = signLogEntry(log, body, integratedTime);
  return {
    logIndex: String(entry.logIndex),
    logId: { keyId: Buffer.from(log.logId, 'hex').toString('base64') },
    kindVersion: { kind: 'dsse', version: '0.0.1' },
    integratedTime: String(entry.integratedTime),
    inclusionPromise: { signedEntryTimestamp: signedEntryTimestamp.toString('base64') },
    canonicalizedBody: entry.body,
  };
}

export interface SignOptions {
  /** Records the signature in this log at this time, so its key or certificate comes with a signing time. */
  rekor?: { log: DemoRekorLog; integratedTime: Date };
  /** Makes a keyless signature with this certificate (whose key is `key`) and chain. */
  certificate?: { pem: string; chainPem: string };
}

/** Builds one `.sig` layer for `digest`, as `cosign sign` writes it. */
export function signatureLayer(
  key: DemoKey,
  repository: string,
  digest: string,
  options: SignOptions = {},
): DemoSignatureLayer {
  const payload = simpleSigningPayload(repository, digest);
  const signature = signPayload(key.privateKey, payload);
  const annotations: Record<string, string> = {
    [cosignAnnotations.signature]: Buffer.from(signature).toString('base64'),
  };
  if (options.certificate !== undefined) {
    annotations[cosignAnnotations.certificate] = options.certificate.pem;
    annotations[cosignAnnotations.chain] = options.certificate.chainPem;
  }
  if (options.rekor !== undefined) {
    const verifier = options.certificate?.pem ?? key.publicKeyPem;
    annotations[cosignAnnotations.bundle] = rekorBundleAnnotation(
      options.rekor.log,
      payload,
      signature,
      verifier,
      options.rekor.integratedTime,
    );
  }
  return { payload, annotations };
}

/** Writes the `.sig` manifest of `digest` with the given layers and tags it `sha256-<hex>.sig`. */
export function writeSignatureManifest(
  writer: LayoutWriter,
  repository: string,
  digest: string,
  layers: DemoSignatureLayer[],
): Descriptor {
  const config = writer.addJson({}, mediaTypes.ociEmpty);
  const manifest = writer.addJson(
    {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config,
      layers: layers.map((layer) => ({
        ...writer.addBlob(layer.payload, simpleSigningMediaType),
        annotations: layer.annotations,
      })),
    },
    mediaTypes.ociManifest,
  );
  writer.tag(repository, signatureTagFor(digest), manifest);
  return manifest;
}
