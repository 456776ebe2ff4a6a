import { mediaTypes, RegistryError } from './types.ts';

/** The four manifest media types the client accepts, in order of preference. */
export const manifestMediaTypes: readonly string[] = [
  mediaTypes.ociIndex,
  mediaTypes.ociManifest,
  mediaTypes.dockerManifestList,
  mediaTypes.dockerManifest,
];

/** `Accept` header value for manifest requests, listing all four types. */
export const manifestAccept = manifestMediaTypes.join(', ');

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === mediaTypes.ociIndex || mediaType === mediaTypes.dockerManifestList;
}

export function isImageManifestMediaType(mediaType: string): boolean {
  return mediaType === mediaTypes.ociManifest || mediaType === mediaTypes.dockerManifest;
}

/** Media type without parameters, lowercased (`Application/JSON; charset=utf-8` becomes `application/json`). */
export function bareMediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Checks that a manifest's Content-Type is one of the four manifest types and returns it.
 * Throws RegistryError 'unsupported-media-type' otherwise (for example Docker schema 1).
 */
export function requireManifestMediaType(
  host: string,
  contentType: string | null,
  description: string,
): string {
  const mediaType = bareMediaType(contentType);
  if (manifestMediaTypes.includes(mediaType)) return mediaType;

  const received = mediaType === '' ? 'no Content-Type' : `Content-Type ${mediaType}`;
  throw new RegistryError(
    'unsupported-media-type',
    host,
    `Registry ${host} returned ${description} with ${received}; Assay reads only ${manifestMediaTypes.join(', ')}.`,
  );
}

/** Parses manifest bytes as a JSON object; throws RegistryError 'invalid-response' otherwise. */
export function parseManifestJson(
  host: string,
  bytes: Uint8Array,
  description: string,
): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new RegistryError(
      'invalid-response',
      host,
      `${description} from registry ${host} is not valid UTF-8 JSON.`,
      {
        cause: error,
      },
    );
  }

  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new RegistryError(
      'invalid-response',
      host,
      `${description} from registry ${host} is not a JSON object.`,
    );
  }
  return json as Record<string, unknown>;
}

/**
 * Checks that a manifest's own `mediaType` field, when present, equals the type it was served as, so
 * that content cannot be read as a different kind of manifest than the one its digest was taken for.
 */
export function checkDeclaredMediaType(
  host: string,
  json: Record<string, unknown>,
  mediaType: string,
  description: string,
): void {
  const declared = json.mediaType;
  if (declared !== undefined && declared !== mediaType) {
    throw new RegistryError(
      'invalid-response',
      host,
      `${description} from registry ${host} was served as ${mediaType} but its mediaType field is ${JSON.stringify(declared)}.`,
    );
  }
}

/** Parses manifest bytes served as `mediaType` and checks the body's own `mediaType` field against it. */
export function decodeManifest(
  host: string,
  bytes: Uint8Array,
  mediaType: string,
  description: string,
): Record<string, unknown> {
  const json = parseManifestJson(host, bytes, description);
  checkDeclaredMediaType(host, json, mediaType, description);
  return json;
}
