import { computeDigest, isDigest, verifyDigest } from './digest.ts';
import type { RegistryClient } from './http-client.ts';
import { decodeManifest, manifestAccept, requireManifestMediaType } from './manifest-media.ts';
import { assertManifestReference, assertRepository, ImageReferenceError } from './reference.ts';
import {
  RegistryError,
  type Descriptor,
  type FetchedManifest,
  type ManifestHead,
  type ManifestReference,
} from './types.ts';

function describeManifest(repository: string, reference: string): string {
  return isDigest(reference) ? `manifest ${repository}@${reference}` : `manifest ${repository}:${reference}`;
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function tooLargeError(
  host: string,
  description: string,
  limitName: string,
  limit: number,
  declared?: number,
): RegistryError {
  const size = declared === undefined ? 'larger than' : `${declared} bytes, more than`;
  return new RegistryError(
    'too-large',
    host,
    `${description} in registry ${host} is ${size} the ${limitName} limit of ${limit} bytes.`,
  );
}

function sizeMismatchError(
  host: string,
  description: string,
  expected: number,
  actual?: number,
): RegistryError {
  const actualText = actual === undefined ? 'more' : `${actual}`;
  return new RegistryError(
    'invalid-response',
    host,
    `Registry ${host} returned ${actualText} bytes for ${description}, whose descriptor declares ${expected} bytes.`,
  );
}

export async function getManifest(
  client: RegistryClient,
  repository: string,
  reference: ManifestReference,
  signal?: AbortSignal,
): Promise<FetchedManifest> {
  const { config } = client;
  const ref = typeof reference === 'string' ? reference : reference.digest;
  const expectedSize = typeof reference === 'string' ? undefined : reference.size;
  assertRepository(repository);
  assertManifestReference(ref);
  const description = describeManifest(repository, ref);

  if (expectedSize !== undefined && expectedSize > config.maxManifestBytes) {
    throw tooLargeError(config.host, description, 'maxManifestBytes', config.maxManifestBytes, expectedSize);
  }

  const exchange = await client.request({
    method: 'GET',
    target: `/v2/${repository}/manifests/${ref}`,
    scope: pullScope(repository),
    accept: manifestAccept,
    description,
    signal,
  });

  let mediaType: string;
  try {
    mediaType = requireManifestMediaType(
      config.host,
      exchange.response.headers.get('content-type'),
      description,
    );
  } catch (error) {
    await exchange.discardBody();
    throw error;
  }

  const limit = Math.min(config.maxManifestBytes, expectedSize ?? Number.POSITIVE_INFINITY);
  const bytes = await exchange.readBody(limit, (_source, declared) =>
    expectedSize !== undefined && expectedSize <= config.maxManifestBytes
      ? sizeMismatchError(config.host, description, expectedSize, declared)
      : tooLargeError(config.host, description, 'maxManifestBytes', config.maxManifestBytes, declared),
  );
  if (expectedSize !== undefined && bytes.byteLength !== expectedSize) {
    throw sizeMismatchError(config.host, description, expectedSize, bytes.byteLength);
  }

  // The body must match a digest reference and the header digest, because a tag lookup returns the header's digest.
  const headerDigest = exchange.response.headers.get('docker-content-digest') ?? undefined;
  if (isDigest(ref)) verifyDigest(config.host, bytes, ref, description);
  if (headerDigest !== undefined) verifyDigest(config.host, bytes, headerDigest, description);
  const digest = isDigest(ref) ? ref : (headerDigest ?? computeDigest(bytes));

  const json = decodeManifest(config.host, bytes, mediaType, description);
  return { digest, mediaType, bytes, json };
}

/** Resolves a reference with `HEAD`; falls back to `GET` and hashes the body when the registry omits the digest. */
export async function headManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  signal?: AbortSignal,
): Promise<ManifestHead> {
  const { config } = client;
  assertRepository(repository);
  assertManifestReference(reference);
  const description = describeManifest(repository, reference);

  const exchange = await client.request({
    method: 'HEAD',
    target: `/v2/${repository}/manifests/${reference}`,
    scope: pullScope(repository),
    accept: manifestAccept,
    description,
    signal,
  });
  await exchange.discardBody();

  const headers = exchange.response.headers;
  const mediaType = requireManifestMediaType(config.host, headers.get('content-type'), description);
  const headerDigest = headers.get('docker-content-digest') ?? undefined;
  const size = Number(headers.get('content-length') ?? Number.NaN);

  if (headerDigest !== undefined && isDigest(reference) && headerDigest !== reference) {
    throw new RegistryError(
      'digest-mismatch',
      config.host,
      `Registry ${config.host} answered ${description} with the digest ${headerDigest}.`,
    );
  }
  const digest = headerDigest ?? (isDigest(reference) ? reference : undefined);
  if (digest === undefined || !isDigest(digest) || !Number.isSafeInteger(size) || size < 0) {
    const fetched = await getManifest(client, repository, reference, signal);
    return { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.byteLength };
  }
  return { digest, mediaType, size };
}

/** Downloads a blob of at most maxBlobBytes, checking the declared size first and the digest after. */
export async function getBlob(
  client: RegistryClient,
  repository: string,
  descriptor: Pick<Descriptor, 'digest' | 'size'>,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const { config } = client;
  assertRepository(repository);
  if (!isDigest(descriptor.digest)) {
    throw new ImageReferenceError(
      `invalid blob digest "${descriptor.digest}": expected sha256:<64 hex digits>.`,
    );
  }
  const description = `blob ${repository}@${descriptor.digest}`;

  if (descriptor.size > config.maxBlobBytes) {
    throw tooLargeError(config.host, description, 'maxBlobBytes', config.maxBlobBytes, descriptor.size);
  }

  const exchange = await client.request({
    method: 'GET',
    target: `/v2/${repository}/blobs/${descriptor.digest}`,
    scope: pullScope(repository),
    description,
    signal,
    redirectHosts: config.blobRedirectHosts,
  });
  const bytes = await exchange.readBody(descriptor.size, (_source, declared) =>
    sizeMismatchError(config.host, description, descriptor.size, declared),
  );
  if (bytes.byteLength !== descriptor.size) {
    throw sizeMismatchError(config.host, description, descriptor.size, bytes.byteLength);
  }

  verifyDigest(config.host, bytes, descriptor.digest, description);
  return bytes;
}
