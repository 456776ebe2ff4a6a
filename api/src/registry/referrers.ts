import { parseDigest } from './digest.ts';
import { imageIndexSchema, parseRegistryJson } from './manifest-schema.ts';
import type { Descriptor, ReferrerList } from './types.ts';

/**
 * Tag under which registries without the referrers API keep the referrers index of a digest
 * (OCI Distribution spec 1.1, "referrers tag schema"): `sha256:abc...` becomes `sha256-abc...`.
 */
export function referrersTagFor(digest: string): string {
  const parsed = parseDigest(digest);
  if (!parsed) throw new Error(`Cannot build a referrers tag: "${digest}" is not a sha256 or sha512 digest.`);
  return `${parsed.algorithm}-${parsed.hex}`;
}

/** Returns the descriptors of a referrers index (the referrers API response or the referrers tag's index). */
export function referrersFromIndex(host: string, json: unknown, description: string): Descriptor[] {
  return parseRegistryJson(host, imageIndexSchema, json, description).manifests;
}

/** Removes repeated digests and keeps at most `max` referrers; `truncated` is true when any were cut. */
export function boundReferrers(
  descriptors: Iterable<Descriptor>,
  max: number,
  truncated = false,
): ReferrerList {
  const seen = new Set<string>();
  const referrers: Descriptor[] = [];
  let cut = truncated;
  for (const descriptor of descriptors) {
    if (seen.has(descriptor.digest)) continue;
    seen.add(descriptor.digest);
    if (referrers.length >= max) {
      cut = true;
      break;
    }
    referrers.push(descriptor);
  }
  return { referrers, truncated: cut };
}
