import type { RegistrySource } from '../../registry/types.ts';
import { fetchBlob, fetchManifest, readImageManifest } from '../../signatures/registry-reads.ts';
import { attestationTagFor, dsseEnvelopeMediaType } from './formats.ts';

/** A DSSE layer of a `.att` manifest, downloaded but not yet verified. */
export interface AttestationCandidate {
  /** The digest whose `.att` tag contains the layer. */
  digest: string;
  manifestDigest: string;
  layerDigest: string;
  layerIndex: number;
  envelope: Uint8Array;
  annotations: Record<string, string>;
}

/** A `.att` entry that could not be read, with the reason. */
export interface AttestationProblem {
  digest: string;
  layerDigest?: string;
  reason: string;
}

export interface AttestationDiscovery {
  /** Digest of the `.att` manifest; undefined when the digest has none. */
  manifestDigest: string | undefined;
  candidates: AttestationCandidate[];
  /** Layers that were skipped or could not be downloaded. */
  problems: AttestationProblem[];
}

export interface AttestationLimits {
  /** Layers read from one `.att` manifest; each costs a download and a signature check. */
  maxLayers: number;
  /** Largest envelope downloaded, in bytes: the configured maximum report size plus envelope overhead. */
  maxEnvelopeBytes: number;
}

/**
 * Reads the cosign `sha256-<hex>.att` tag of a digest: one candidate per DSSE envelope layer, with
 * the envelope downloaded. Registry outages reject with the RegistryError, so that an unreachable
 * registry is never mistaken for an image without attestations.
 */
export async function discoverAttestations(
  source: RegistrySource,
  repository: string,
  digest: string,
  limits: AttestationLimits,
  signal?: AbortSignal,
): Promise<AttestationDiscovery> {
  const discovery: AttestationDiscovery = { manifestDigest: undefined, candidates: [], problems: [] };
  const fetched = await fetchManifest(source, repository, attestationTagFor(digest), signal);
  if (fetched === undefined) return discovery;
  if (!fetched.ok) {
    discovery.problems.push({ digest, reason: fetched.text });
    return discovery;
  }

  const manifest = fetched.value;
  discovery.manifestDigest = manifest.digest;
  const body = readImageManifest(manifest);
  if (!body.ok) {
    discovery.problems.push({ digest, reason: body.text });
    return discovery;
  }

  const layers = body.value.layers;
  if (layers.length > limits.maxLayers) {
    discovery.problems.push({
      digest,
      reason: `Tag ${attestationTagFor(digest)} has ${layers.length} attestation layers; only the first ${limits.maxLayers} were read.`,
    });
  }
  for (const [layerIndex, layer] of layers.slice(0, limits.maxLayers).entries()) {
    if (layer.mediaType !== dsseEnvelopeMediaType) {
      discovery.problems.push({
        digest,
        layerDigest: layer.digest,
        reason: `Layer ${layerIndex} has media type "${layer.mediaType}", not a DSSE envelope.`,
      });
      continue;
    }
    const envelope = await fetchBlob(source, repository, layer, limits.maxEnvelopeBytes, signal);
    if (!envelope.ok) {
      discovery.problems.push({ digest, layerDigest: layer.digest, reason: envelope.text });
      continue;
    }
    discovery.candidates.push({
      digest,
      manifestDigest: manifest.digest,
      layerDigest: layer.digest,
      layerIndex,
      envelope: envelope.value,
      annotations: layer.annotations ?? {},
    });
  }
  return discovery;
}
