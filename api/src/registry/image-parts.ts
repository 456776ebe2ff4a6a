import { isImageManifestMediaType } from './manifest-media.ts';
import {
  imageConfigSchema,
  parseRegistryJson,
  type ImageConfig,
  type ImageManifest,
} from './manifest-schema.ts';
import { mediaTypes, RegistryError, type Descriptor } from './types.ts';

// BuildKit stores provenance and SBOM attestations as index entries with this annotation.
const referenceTypeAnnotation = 'vnd.docker.reference.type';
// Tags that cosign and the OCI referrers tag schema create next to an image: `sha256-<hex>[.sig|.att|...]`.
const artifactTagPattern = /^sha(256|512)-[a-f0-9]{64,128}(\.[A-Za-z0-9_-]+)?$/;

/**
 * True when an index entry is a runnable platform image: an image manifest with a real platform.
 * Attestation entries (`vnd.docker.reference.type: attestation-manifest`, platform unknown/unknown)
 * and entries without a platform are not platforms.
 */
export function isPlatformEntry(descriptor: Descriptor): boolean {
  if (!isImageManifestMediaType(descriptor.mediaType)) return false;
  if (descriptor.annotations?.[referenceTypeAnnotation] !== undefined) return false;
  const platform = descriptor.platform;
  if (platform === undefined) return false;
  return !(platform.os === 'unknown' && platform.architecture === 'unknown');
}

/** Picks the entry whose config supplies created time and labels: the first linux/amd64, else the first. */
export function primaryPlatform<T extends Descriptor>(entries: readonly T[]): T | undefined {
  return (
    entries.find((entry) => entry.platform?.os === 'linux' && entry.platform.architecture === 'amd64') ??
    entries[0]
  );
}

/** Compressed size of an image: its config plus its layers, as declared by the manifest. */
export function compressedSize(manifest: ImageManifest): number {
  return manifest.layers.reduce((total, layer) => total + layer.size, manifest.config.size);
}

/** True when the manifest's config is an image config (not, say, an artifact's empty config). */
export function hasImageConfig(manifest: ImageManifest): boolean {
  return (
    manifest.config.mediaType === mediaTypes.ociConfig ||
    manifest.config.mediaType === mediaTypes.dockerConfig
  );
}

/** Parses config blob bytes into the image config fields Assay shows. */
export function parseImageConfig(host: string, bytes: Uint8Array, description: string): ImageConfig {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new RegistryError(
      'invalid-response',
      host,
      `${description} from registry ${host} is not valid JSON.`,
      {
        cause: error,
      },
    );
  }
  return parseRegistryJson(host, imageConfigSchema, json, description);
}

/** Returns the string-valued labels of an image config and drops the others. */
export function configLabels(config: ImageConfig): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.config?.Labels ?? {})) {
    if (typeof value === 'string') labels[key] = value;
  }
  return labels;
}

/**
 * Picks up to `max` tags other than `current` from the end of a listing, last first, leaving out
 * signature and referrer tags.
 */
export function selectOtherTags(tags: readonly string[], current: string | undefined, max: number): string[] {
  return tags
    .filter((tag) => tag !== current && !artifactTagPattern.test(tag))
    .slice(-max)
    .reverse();
}
