import type { SignatureSource } from '../../contract/signature.ts';
import {
  RegistryError,
  type Descriptor,
  type RegistryErrorKind,
  type RegistrySource,
} from '../../registry/types.ts';
import {
  bundlePredicateTypeAnnotation,
  cosignSignPredicateType,
  sigstoreBundleMediaTypes,
} from '../../signatures/formats.ts';
import { fetchBlob, fetchManifest, readImageManifest } from '../../signatures/registry-reads.ts';
import { vulnPredicateType } from '../parsers/cosign-vuln.ts';
import { attestationTagFor, dsseEnvelopeMediaType } from './formats.ts';

/** An attestation found in the registry, downloaded but not yet verified. */
export interface AttestationCandidate {
  /** The digest whose `.att` tag or referrers contain the attestation. */
  digest: string;
  /** `cosign-tag`: a DSSE envelope layer of the `.att` manifest. `referrer-bundle`: a Sigstore bundle referrer. */
  source: SignatureSource;
  /** Digest of the `.att` manifest or of the referrer manifest. */
  manifestDigest: string;
  /** Digest of the envelope or bundle blob; reports are stored under it. */
  layerDigest: string;
  /** Position of the layer in the `.att` manifest; absent for referrers. */
  layerIndex?: number;
  /** The DSSE envelope JSON for `cosign-tag`, the Sigstore bundle JSON for `referrer-bundle`. */
  bytes: Uint8Array;
  /** Layer annotations of a `.att` layer, where cosign keeps the certificate and Rekor entry. */
  annotations: Record<string, string>;
}

/** An attestation entry that was not read, with the reason. */
export interface AttestationProblem {
  digest: string;
  layerDigest?: string;
  /** `ignored` for entries that hold another kind of attestation; `rejected` for those that could not be read. */
  result: 'ignored' | 'rejected';
  reason: string;
  /** True when the entry may read fine later without any change to the listing (it was missing or unreadable). */
  retry?: boolean;
}

export interface AttestationDiscovery {
  candidates: AttestationCandidate[];
  /** Entries that were skipped or could not be downloaded. */
  problems: AttestationProblem[];
}

export interface AttestationLimits {
  /** Entries read per digest from each place (the `.att` layers, the bundle referrers); each costs a download and a signature check. */
  maxLayers: number;
  /** Largest envelope or bundle downloaded, in bytes: the configured maximum report size plus overhead. */
  maxEnvelopeBytes: number;
}

/** Attestation sources the registry has for one digest, as compared between checks. */
export interface AttestationSources {
  /** Digest of the `.att` manifest; null when the digest has none. */
  tag: string | null;
  /** Bundle referrers that may hold attestations, in the order the registry lists them. */
  referrers: Descriptor[];
  /** True when the registry listed more referrers than the registry bound allows. */
  referrersTruncated: boolean;
  /** Reason the referrers could not be listed, when the listing itself was broken (not an outage). */
  referrersProblem?: string;
}

/** Returns the predicate type a bundle referrer's annotations name, when they name one. */
function annotatedPredicateType(annotations: Record<string, string> | undefined): string | undefined {
  const value = annotations?.[bundlePredicateTypeAnnotation];
  return value === undefined || value === '' ? undefined : value;
}

function isBundleReferrer(referrer: Descriptor): boolean {
  return (
    referrer.artifactType !== undefined &&
    sigstoreBundleMediaTypes.includes(referrer.artifactType) &&
    // Image signature bundles are read by the signature check, not here.
    annotatedPredicateType(referrer.annotations) !== cosignSignPredicateType
  );
}

/**
 * Looks up the `.att` tag and the Sigstore bundle referrers of a digest without downloading them.
 * Registry outages reject with the RegistryError, so that an unreachable registry is never mistaken
 * for an image without attestations.
 */
export async function findAttestationSources(
  source: RegistrySource,
  repository: string,
  digest: string,
  signal?: AbortSignal,
): Promise<AttestationSources> {
  let tag: string | null = null;
  try {
    tag = (await source.headManifest(repository, attestationTagFor(digest), signal)).digest;
  } catch (error) {
    if (!(error instanceof RegistryError) || error.kind !== 'not-found') throw error;
  }

  try {
    const listing = await source.listReferrers(repository, digest, signal);
    return {
      tag,
      referrers: listing.referrers.filter(isBundleReferrer),
      referrersTruncated: listing.truncated,
    };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    const none = { tag, referrers: [], referrersTruncated: false };
    if (error.kind === 'not-found') return none;
    // A broken referrers index (for example an image manifest under the fallback tag) must not hide the `.att` tag.
    if (brokenContentKinds.has(error.kind)) {
      return {
        ...none,
        referrersProblem: `The referrers of ${digest} could not be listed: ${error.message}`,
      };
    }
    throw error;
  }
}

const brokenContentKinds: ReadonlySet<RegistryErrorKind> = new Set<RegistryErrorKind>([
  'invalid-response',
  'too-large',
  'digest-mismatch',
  'unsupported-media-type',
]);

/**
 * Reads the attestations of one digest from both places cosign stores them: the DSSE envelope layers
 * of the `sha256-<hex>.att` tag, and Sigstore bundles stored as OCI referrers of the digest.
 */
export async function discoverAttestations(
  source: RegistrySource,
  repository: string,
  digest: string,
  sources: AttestationSources,
  limits: AttestationLimits,
  signal?: AbortSignal,
): Promise<AttestationDiscovery> {
  const discovery: AttestationDiscovery = { candidates: [], problems: [] };
  if (sources.tag !== null) await readAttestationTag(source, repository, digest, limits, discovery, signal);
  await readBundleReferrers(source, repository, digest, sources, limits, discovery, signal);
  return discovery;
}

async function readAttestationTag(
  source: RegistrySource,
  repository: string,
  digest: string,
  limits: AttestationLimits,
  discovery: AttestationDiscovery,
  signal?: AbortSignal,
): Promise<void> {
  const reject = (reason: string, details: { layerDigest?: string; retry?: boolean } = {}) =>
    discovery.problems.push({ digest, result: 'rejected', reason, ...details });

  const fetched = await fetchManifest(source, repository, attestationTagFor(digest), signal);
  // Deleted between the lookup and now, so the next check finds the changed listing.
  if (fetched === undefined) return;
  if (!fetched.ok) return void reject(fetched.text);

  const manifest = fetched.value;
  const body = readImageManifest(manifest);
  if (!body.ok) return void reject(body.text);

  const layers = body.value.layers;
  if (layers.length > limits.maxLayers) {
    reject(
      `Tag ${attestationTagFor(digest)} has ${layers.length} attestation layers; only the first ${limits.maxLayers} were read.`,
    );
  }
  for (const [layerIndex, layer] of layers.slice(0, limits.maxLayers).entries()) {
    if (layer.mediaType !== dsseEnvelopeMediaType) {
      reject(`Layer ${layerIndex} has media type "${layer.mediaType}", not a DSSE envelope.`, {
        layerDigest: layer.digest,
      });
      continue;
    }
    const envelope = await fetchBlob(source, repository, layer, limits.maxEnvelopeBytes, signal);
    if (!envelope.ok) {
      reject(envelope.text, { layerDigest: layer.digest, retry: envelope.reason !== 'too-large' });
      continue;
    }
    discovery.candidates.push({
      digest,
      source: 'cosign-tag',
      manifestDigest: manifest.digest,
      layerDigest: layer.digest,
      layerIndex,
      bytes: envelope.value,
      annotations: layer.annotations ?? {},
    });
  }
}

async function readBundleReferrers(
  source: RegistrySource,
  repository: string,
  digest: string,
  sources: AttestationSources,
  limits: AttestationLimits,
  discovery: AttestationDiscovery,
  signal?: AbortSignal,
): Promise<void> {
  const note = (
    result: AttestationProblem['result'],
    reason: string,
    details: { layerDigest?: string; retry?: boolean } = {},
  ) => discovery.problems.push({ digest, result, reason, ...details });

  if (sources.referrersProblem !== undefined) note('rejected', sources.referrersProblem);
  if (sources.referrersTruncated) {
    note(
      'rejected',
      `The registry lists more referrers of ${digest} than the configured bound; some attestations may not have been read.`,
    );
  }
  if (sources.referrers.length > limits.maxLayers) {
    note(
      'rejected',
      `${sources.referrers.length} Sigstore bundle referrers of ${digest} were found; only the first ${limits.maxLayers} were read.`,
    );
  }

  for (const referrer of sources.referrers.slice(0, limits.maxLayers)) {
    const listedType = annotatedPredicateType(referrer.annotations);
    if (listedType !== undefined && listedType !== vulnPredicateType) {
      note('ignored', otherPredicateText(referrer.digest, listedType));
      continue;
    }

    // The descriptor's size bounds the download, so a listing cannot make Assay read more than it declares.
    const fetched = await fetchManifest(source, repository, referrer, signal);
    if (fetched === undefined) {
      note('rejected', `Referrer manifest ${referrer.digest} is listed but not found.`, { retry: true });
      continue;
    }
    const body = fetched.ok ? readImageManifest(fetched.value) : fetched;
    if (!body.ok) {
      note('rejected', body.text);
      continue;
    }
    // The fallback tag index may lack the annotations that the manifest itself carries.
    const manifestType = annotatedPredicateType(body.value.annotations);
    if (manifestType === cosignSignPredicateType) continue;
    if (manifestType !== undefined && manifestType !== vulnPredicateType) {
      note('ignored', otherPredicateText(referrer.digest, manifestType));
      continue;
    }

    const layer = body.value.layers.find((entry) => sigstoreBundleMediaTypes.includes(entry.mediaType));
    if (layer === undefined) {
      note('rejected', `Referrer manifest ${referrer.digest} has no Sigstore bundle layer.`);
      continue;
    }
    const bundle = await fetchBlob(source, repository, layer, limits.maxEnvelopeBytes, signal);
    if (!bundle.ok) {
      note('rejected', bundle.text, { layerDigest: layer.digest, retry: bundle.reason !== 'too-large' });
      continue;
    }
    discovery.candidates.push({
      digest,
      source: 'referrer-bundle',
      manifestDigest: referrer.digest,
      layerDigest: layer.digest,
      bytes: bundle.value,
      annotations: {},
    });
  }
}

function otherPredicateText(referrerDigest: string, predicateType: string): string {
  return `Referrer ${referrerDigest} holds a "${predicateType}" attestation, not a vulnerability attestation.`;
}
