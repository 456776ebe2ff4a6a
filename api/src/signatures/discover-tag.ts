import type { SignatureLocation, SignatureReason, SignatureResult } from '../contract/signature.ts';
import type { RegistrySource } from '../registry/types.ts';
import type { CosignLayerCandidate } from './candidate.ts';
import type { SignatureDiscovery } from './discover.ts';
import { signatureTagFor, simpleSigningMediaType } from './formats.ts';
import type { SignatureLimits } from './limits.ts';
import { fetchBlob, fetchManifest, readImageManifest } from './registry-reads.ts';
import { buildResult } from './result.ts';

/**
 * Reads the cosign `sha256-<hex>.sig` tag of a digest: one candidate per simple-signing layer, with the
 * payload blob downloaded. Layers beyond `maxSignatureLayers` are reported as one `limit-exceeded` result.
 */
export async function discoverTagSignatures(
  source: RegistrySource,
  repository: string,
  digest: string,
  limits: SignatureLimits,
  signal?: AbortSignal,
): Promise<SignatureDiscovery> {
  const tag = signatureTagFor(digest);
  const candidates: CosignLayerCandidate[] = [];
  const problems: SignatureResult[] = [];
  const problem = (location: SignatureLocation, reason: SignatureReason, text: string) => {
    problems.push(buildResult({ digest, source: 'cosign-tag', location }, reason, text));
  };

  const fetched = await fetchManifest(source, repository, tag, signal);
  if (fetched === undefined) return { candidates, problems };
  if (!fetched.ok) {
    problem({}, fetched.reason, fetched.text);
    return { candidates, problems };
  }

  const manifest = fetched.value;
  const body = readImageManifest(manifest);
  if (!body.ok) {
    problem({ manifestDigest: manifest.digest }, body.reason, body.text);
    return { candidates, problems };
  }

  const layers = body.value.layers;
  if (layers.length > limits.maxSignatureLayers) {
    problem(
      { manifestDigest: manifest.digest },
      'limit-exceeded',
      `Tag ${tag} has ${layers.length} signature layers; only the first ${limits.maxSignatureLayers} were checked.`,
    );
  }

  for (const [layerIndex, layer] of layers.slice(0, limits.maxSignatureLayers).entries()) {
    const location = { manifestDigest: manifest.digest, layerDigest: layer.digest, layerIndex };
    if (layer.mediaType !== simpleSigningMediaType) {
      problem(
        location,
        'not-a-signature',
        `Layer ${layerIndex} has media type "${layer.mediaType}", not a cosign simple-signing payload.`,
      );
      continue;
    }

    const payload = await fetchBlob(source, repository, layer, limits.maxPayloadBytes, signal);
    if (!payload.ok) {
      problem(location, payload.reason, payload.text);
      continue;
    }
    candidates.push({
      format: 'cosign-layer',
      digest,
      location,
      mediaType: layer.mediaType,
      payload: payload.value,
      annotations: layer.annotations ?? {},
    });
  }
  return { candidates, problems };
}
