import { checkDeclaredMediaType, manifestMediaTypes, parseManifestJson } from './manifest-media.ts';
import { readLayoutBlob } from './oci-layout-blobs.ts';
import { mediaTypes, RegistryError, type FetchedManifest } from './types.ts';

export interface LayoutManifestRead {
  host: string;
  dir: string;
  maxManifestBytes: number;
  digest: string;
  /** Size from the descriptor that named the manifest, when there was one. */
  expectedSize?: number | undefined;
  /** Media type from the index.json entry, when the manifest was found through one. */
  mediaType?: string | undefined;
  description: string;
}

/** Media type of a manifest that does not declare one (the OCI spec makes the field optional). */
function inferMediaType(json: Record<string, unknown>): string | undefined {
  if (Array.isArray(json.manifests)) return mediaTypes.ociIndex;
  if (json.config !== undefined) return mediaTypes.ociManifest;
  return undefined;
}

/**
 * Reads a manifest blob from a layout with the size bound and digest check of readLayoutBlob. Its media
 * type comes from the index.json entry, else from the body's `mediaType` field, else from its shape.
 */
export async function readLayoutManifest(read: LayoutManifestRead): Promise<FetchedManifest> {
  const { host, description } = read;
  const bytes = await readLayoutBlob(host, read.dir, read.digest, {
    description,
    limit: read.maxManifestBytes,
    limitName: 'maxManifestBytes',
    expectedSize: read.expectedSize,
  });
  const json = parseManifestJson(host, bytes, description);

  const declared = typeof json.mediaType === 'string' ? json.mediaType : undefined;
  const mediaType = read.mediaType ?? declared ?? inferMediaType(json);
  if (mediaType === undefined || !manifestMediaTypes.includes(mediaType)) {
    throw new RegistryError(
      'unsupported-media-type',
      host,
      `${description} in OCI layout ${host} has the media type ${mediaType ?? '(none)'}; Assay reads only ${manifestMediaTypes.join(', ')}.`,
    );
  }
  checkDeclaredMediaType(host, json, mediaType, description);
  return { digest: read.digest, mediaType, bytes, json };
}
