import { z } from 'zod';
import type { HttpRegistryConfig } from '../../registry/http-config.ts';
import type { RegistryDirectory } from '../../registry/directory.ts';
import { mediaTypes } from '../../registry/types.ts';
import type { VersionImage } from '../version-image.ts';

/** A scan request's target: one platform manifest, and the digest its report is stored under. */
export interface ScanTarget {
  /** The digest the version shows; one scan at a time runs per digest. */
  digest: string;
  /** The manifest sent to the scanner: `digest` itself, or the chosen platform of an index. */
  scannedDigest: string;
  mimeType: string;
  registry: HttpRegistryConfig;
  repository: string;
  tag: string | undefined;
}

const indexMediaTypes: readonly string[] = [mediaTypes.ociIndex, mediaTypes.dockerManifestList];

const indexSchema = z.object({
  manifests: z.array(
    z.object({
      mediaType: z.string(),
      digest: z.string(),
      platform: z.object({ os: z.string(), architecture: z.string() }).optional(),
    }),
  ),
});

/** A failure to build a scan target, with a message that states why a rescan is not possible. */
export class ScanTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanTargetError';
  }
}

/**
 * Returns the configured HTTP registry of a version's image, or the reason a scanner cannot pull
 * from it: an unresolved image, an unconfigured registry, or the demo's image layout folder.
 */
export function scannableRegistry(
  image: VersionImage,
  registries: readonly HttpRegistryConfig[],
  directory: RegistryDirectory,
): { config: HttpRegistryConfig; digest: string } | { reason: string } {
  if (image.digest === undefined) {
    return { reason: 'The image has not been resolved to a digest yet, so there is nothing to scan.' };
  }
  const source = directory.find(image.registry);
  if (source === undefined) {
    return {
      reason: `Registry ${image.registry} is not configured, so its images are never fetched or scanned.`,
    };
  }
  const config = registries.find((entry) => entry.host.toLowerCase() === source.host.toLowerCase());
  if (source.kind !== 'http' || config === undefined) {
    return {
      reason: `Registry ${image.registry} is served from a local OCI image layout (the demo), which a scanner cannot pull from.`,
    };
  }
  return { config, digest: image.digest };
}

/**
 * Chooses what to send to the scanner. Scanners read one platform manifest, so for an index the
 * linux/amd64 entry is chosen, or else the first platform entry. Attestation entries (platform
 * unknown/unknown) are never chosen.
 */
export async function buildScanTarget(
  image: VersionImage,
  registries: readonly HttpRegistryConfig[],
  directory: RegistryDirectory,
  signal?: AbortSignal,
): Promise<ScanTarget> {
  const scannable = scannableRegistry(image, registries, directory);
  if ('reason' in scannable) throw new ScanTargetError(scannable.reason);
  const { config, digest } = scannable;
  const base = { digest, registry: config, repository: image.repository, tag: image.tag };

  const source = directory.get(image.registry);
  const manifest = await source.getManifest(image.repository, digest, signal);
  if (!indexMediaTypes.includes(manifest.mediaType)) {
    return { ...base, scannedDigest: digest, mimeType: manifest.mediaType };
  }

  const parsed = indexSchema.safeParse(manifest.json);
  const entries = parsed.success ? parsed.data.manifests : [];
  const platforms = entries.filter(
    (entry) =>
      entry.platform !== undefined &&
      entry.platform.os !== 'unknown' &&
      entry.platform.architecture !== 'unknown',
  );
  const chosen =
    platforms.find((entry) => entry.platform?.os === 'linux' && entry.platform.architecture === 'amd64') ??
    platforms[0];
  if (chosen === undefined) {
    throw new ScanTargetError(`Index ${digest} in ${image.repository} lists no platform manifest to scan.`);
  }
  return { ...base, scannedDigest: chosen.digest, mimeType: chosen.mediaType };
}
