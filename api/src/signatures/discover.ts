import type { SignatureResult } from '../contract/signature.ts';
import type { RegistrySource } from '../registry/types.ts';
import type { SignatureCandidate } from './candidate.ts';
import { discoverReferrerSignatures } from './discover-referrers.ts';
import { discoverTagSignatures } from './discover-tag.ts';
import type { SignatureLimits } from './limits.ts';
import { buildResult } from './result.ts';

/** Signatures found for an image: candidates to verify, and entries that could not be read as results. */
export interface SignatureDiscovery {
  candidates: SignatureCandidate[];
  problems: SignatureResult[];
}

/**
 * Finds the signatures of one digest: the layers of its cosign `.sig` tag and its Sigstore bundle
 * referrers. Limits and unreadable entries become results in `problems`. Registry failures other than
 * "not found" and "too large" (timeouts, authentication, outages) reject with the RegistryError, because
 * an unreachable registry must not look like an unsigned image.
 */
export async function discoverSignatures(
  source: RegistrySource,
  repository: string,
  digest: string,
  limits: SignatureLimits,
  signal?: AbortSignal,
): Promise<SignatureDiscovery> {
  const fromTag = await discoverTagSignatures(source, repository, digest, limits, signal);
  const fromReferrers = await discoverReferrerSignatures(source, repository, digest, limits, signal);
  return {
    candidates: [...fromTag.candidates, ...fromReferrers.candidates],
    problems: [...fromTag.problems, ...fromReferrers.problems],
  };
}

/**
 * Finds the signatures of an image and of its platform manifests: signing an index does not sign its
 * platforms, and signing a platform does not sign the index, so each result names the digest it covers.
 * Pass the index digest with its platform digests, or a platform digest with its index digest.
 */
export async function discoverSignaturesForImage(
  source: RegistrySource,
  repository: string,
  indexOrManifestDigest: string,
  platformDigests: string[],
  limits: SignatureLimits,
  signal?: AbortSignal,
): Promise<SignatureDiscovery> {
  const others = [...new Set(platformDigests)].filter((digest) => digest !== indexOrManifestDigest);
  const discovery: SignatureDiscovery = { candidates: [], problems: [] };
  if (others.length > limits.maxPlatforms) {
    discovery.problems.push(
      buildResult(
        { digest: indexOrManifestDigest, location: {} },
        'limit-exceeded',
        `The image has ${others.length} related manifests; signatures were looked up for the first ${limits.maxPlatforms} only.`,
      ),
    );
  }

  for (const digest of [indexOrManifestDigest, ...others.slice(0, limits.maxPlatforms)]) {
    const found = await discoverSignatures(source, repository, digest, limits, signal);
    discovery.candidates.push(...found.candidates);
    discovery.problems.push(...found.problems);
  }
  return discovery;
}
