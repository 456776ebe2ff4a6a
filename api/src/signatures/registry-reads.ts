import { z } from 'zod';
import {
  RegistryError,
  type FetchedManifest,
  type ManifestReference,
  type RegistrySource,
} from '../registry/types.ts';
import { isDigest } from './formats.ts';
import { failed, passed, type Step } from './result.ts';

const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: z.string().refine(isDigest, 'expected "sha256:" and 64 hex digits'),
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type LayerDescriptor = z.infer<typeof descriptorSchema>;

const imageManifestSchema = z.object({
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageManifestBody = z.infer<typeof imageManifestSchema>;

/** Reads the layers and annotations of an image manifest body, or returns which field is invalid. */
export function readImageManifest(manifest: FetchedManifest): Step<ImageManifestBody> {
  const parsed = imageManifestSchema.safeParse(manifest.json);
  if (parsed.success) return passed(parsed.data);

  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  return failed(
    'malformed-payload',
    `Manifest ${manifest.digest} (${manifest.mediaType}) is not an image manifest: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}.`,
  );
}

/**
 * Fetches a manifest, or returns undefined when the registry does not have it. A manifest over the
 * size bound becomes a `too-large` step, and one that contradicts its descriptor a `malformed-payload`
 * step. Other registry failures propagate, so that an outage is never mistaken for an unsigned image.
 */
export async function fetchManifest(
  source: RegistrySource,
  repository: string,
  reference: ManifestReference,
  signal?: AbortSignal,
): Promise<Step<FetchedManifest> | undefined> {
  try {
    return passed(await source.getManifest(repository, reference, signal));
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    if (error.kind === 'not-found') return undefined;
    const name = typeof reference === 'string' ? reference : reference.digest;
    switch (error.kind) {
      case 'too-large':
        return failed('too-large', `Manifest ${name} is too large: ${error.message}`);
      // Content that contradicts its descriptor or digest is a broken entry, not an outage.
      case 'digest-mismatch':
      case 'invalid-response':
      case 'unsupported-media-type':
        return failed('malformed-payload', `Manifest ${name} could not be read: ${error.message}`);
      default:
        throw error;
    }
  }
}

/**
 * Downloads a blob after checking its descriptor size against `maxBytes`. Blobs that are missing, fail
 * their digest check or exceed the source's own bound become failed steps; outages propagate.
 */
export async function fetchBlob(
  source: RegistrySource,
  repository: string,
  descriptor: { digest: string; size: number },
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Step<Uint8Array>> {
  if (descriptor.size > maxBytes) {
    return failed(
      'too-large',
      `Blob ${descriptor.digest} is ${descriptor.size} bytes, more than the limit of ${maxBytes}.`,
    );
  }
  try {
    return passed(await source.getBlob(repository, descriptor, signal));
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    switch (error.kind) {
      case 'too-large':
        return failed('too-large', `Blob ${descriptor.digest} is too large: ${error.message}`);
      case 'not-found':
      case 'digest-mismatch':
      case 'invalid-response':
      case 'unsupported-media-type':
        return failed('malformed-payload', `Blob ${descriptor.digest} could not be read: ${error.message}`);
      default:
        throw error;
    }
  }
}
