import { signLayer, type SignatureLayer, type SignLayerOptions } from '../support/cosign/index.ts';
import type { CosignLayerCandidate } from '../../src/signatures/index.ts';

/** The image digest most tests sign. */
export const imageDigest = `sha256:${'a'.repeat(64)}`;
export const otherDigest = `sha256:${'b'.repeat(64)}`;

/** Turns a built `.sig` layer into the candidate discovery would produce for `digest`. */
export function layerCandidate(layer: SignatureLayer, digest = imageDigest): CosignLayerCandidate {
  return {
    format: 'cosign-layer',
    digest,
    location: { layerIndex: 0 },
    mediaType: layer.mediaType ?? 'application/vnd.dev.cosign.simplesigning.v1+json',
    payload: layer.payload,
    annotations: layer.annotations,
  };
}

/** Signs a payload for `options.digest` (default `imageDigest`) and returns it as a candidate. */
export function signedCandidate(
  options: Omit<SignLayerOptions, 'digest'> & { digest?: string },
): CosignLayerCandidate {
  return layerCandidate(signLayer({ ...options, digest: options.digest ?? imageDigest }));
}
