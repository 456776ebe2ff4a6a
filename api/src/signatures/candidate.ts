import type { SignatureLocation } from '../contract/signature.ts';
import type { ParsedCertificate } from './certificate.ts';
import type { PayloadClaims } from './payload.ts';
import type { LogEntry } from './rekor.ts';
import type { EntryContext } from './result.ts';

/** A layer of a `sha256-<hex>.sig` manifest: the payload blob and the layer descriptor's annotations. */
export interface CosignLayerCandidate {
  format: 'cosign-layer';
  /** The image digest the `.sig` tag belongs to. */
  digest: string;
  location: SignatureLocation;
  mediaType: string;
  payload: Uint8Array;
  annotations: Record<string, string>;
}

/** A Sigstore bundle stored as an OCI referrer of an image digest, still unparsed. */
export interface BundleCandidate {
  format: 'sigstore-bundle';
  /** The image digest the referrer points to as its subject. */
  digest: string;
  location: SignatureLocation;
  mediaType: string;
  bytes: Uint8Array;
}

/** A signature entry found by discovery and not yet verified. */
export type SignatureCandidate = CosignLayerCandidate | BundleCandidate;

/** A candidate decoded into what verification needs, whichever format it came from. */
export interface SignedEntry {
  context: EntryContext;
  /** The exact bytes the signature covers: the simple-signing payload, or the DSSE pre-authentication encoding. */
  signedBytes: Uint8Array;
  signature: Uint8Array;
  /** Lowercase hex SHA-256 of the payload, as Rekor entries record it. */
  payloadSha256: string;
  claims: PayloadClaims;
  /** Absent for key-based signatures. */
  certificate?: { leaf: ParsedCertificate; intermediates: ParsedCertificate[] };
  logEntries: LogEntry[];
  /** Log entries that cannot provide a signing time (no SET), named for messages. */
  logEntriesWithoutPromise: number;
}
