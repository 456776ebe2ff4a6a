import type { SignatureLocation, SignatureReason, SignatureResult } from '../contract/signature.ts';
import { RegistryError, type Descriptor, type RegistrySource, type ReferrerList } from '../registry/types.ts';
import type { BundleCandidate } from './candidate.ts';
import type { SignatureDiscovery } from './discover.ts';
import {
  bundlePredicateTypeAnnotation,
  cosignSignPredicateType,
  sigstoreBundleMediaTypes,
} from './formats.ts';
import type { SignatureLimits } from './limits.ts';
import { fetchBlob, fetchManifest, readImageManifest } from './registry-reads.ts';
import { buildResult } from './result.ts';

/** Checks whether annotations name an in-toto predicate other than the image signature one (an attestation). */
function namesOtherPredicate(annotations: Record<string, string> | undefined): boolean {
  const predicateType = annotations?.[bundlePredicateTypeAnnotation];
  return predicateType !== undefined && predicateType !== cosignSignPredicateType;
}

function isSignatureBundle(referrer: Descriptor): boolean {
  return (
    referrer.artifactType !== undefined &&
    sigstoreBundleMediaTypes.includes(referrer.artifactType) &&
    !namesOtherPredicate(referrer.annotations)
  );
}

/**
 * Reads the Sigstore bundles stored as referrers of a digest. Bundles that cosign labels as attestations
 * are skipped; the rest become candidates with the bundle blob downloaded, up to `maxReferrers`.
 */
export async function discoverReferrerSignatures(
  source: RegistrySource,
  repository: string,
  digest: string,
  limits: SignatureLimits,
  signal?: AbortSignal,
): Promise<SignatureDiscovery> {
  const candidates: BundleCandidate[] = [];
  const problems: SignatureResult[] = [];
  const problem = (location: SignatureLocation, reason: SignatureReason, text: string) => {
    problems.push(buildResult({ digest, source: 'referrer-bundle', location }, reason, text));
  };

  let listing: ReferrerList;
  try {
    listing = await source.listReferrers(repository, digest, signal);
  } catch (error) {
    if (error instanceof RegistryError && error.kind === 'not-found') return { candidates, problems };
    throw error;
  }

  const bundles = listing.referrers.filter(isSignatureBundle);
  if (listing.truncated) {
    problem(
      {},
      'limit-exceeded',
      'The registry lists more referrers than the configured bound; some signatures may not have been read.',
    );
  }
  if (bundles.length > limits.maxReferrers) {
    problem(
      {},
      'limit-exceeded',
      `${bundles.length} Sigstore bundle referrers were found; only the first ${limits.maxReferrers} were checked.`,
    );
  }

  for (const referrer of bundles.slice(0, limits.maxReferrers)) {
    const location = { manifestDigest: referrer.digest };
    const fetched = await fetchManifest(source, repository, referrer.digest, signal);
    if (fetched === undefined) {
      problem(location, 'malformed-payload', `Referrer manifest ${referrer.digest} is listed but not found.`);
      continue;
    }
    const body = fetched.ok ? readImageManifest(fetched.value) : fetched;
    if (!body.ok) {
      problem(location, body.reason, body.text);
      continue;
    }
    // The fallback tag index may lack the annotations that the referrers API copies from the manifest.
    if (namesOtherPredicate(body.value.annotations)) continue;

    const layer = body.value.layers.find((entry) => sigstoreBundleMediaTypes.includes(entry.mediaType));
    if (layer === undefined) {
      problem(
        location,
        'malformed-payload',
        `Referrer manifest ${referrer.digest} has no Sigstore bundle layer.`,
      );
      continue;
    }
    const bundle = await fetchBlob(source, repository, layer, limits.maxBundleBytes, signal);
    if (!bundle.ok) {
      problem({ ...location, layerDigest: layer.digest }, bundle.reason, bundle.text);
      continue;
    }
    candidates.push({
      format: 'sigstore-bundle',
      digest,
      location: { ...location, layerDigest: layer.digest },
      mediaType: layer.mediaType,
      bytes: bundle.value,
    });
  }
  return { candidates, problems };
}
