import { createHash } from 'node:crypto';
import { parseWwwAuthenticate } from '../../../src/registry/www-authenticate.ts';
import type { Descriptor } from '../../../src/registry/types.ts';
import {
  blobsOf,
  buildImage,
  buildIndex,
  type BuiltBlob,
  type BuiltImage,
  type BuiltIndex,
  type SyntheticImageOptions,
  type SyntheticIndexOptions,
} from './synthetic-image.ts';

/** Credentials for pushing to a registry started with Basic or token auth. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface PushedImage extends BuiltImage {
  digest: string;
}

export interface PushedIndex extends BuiltIndex {
  digest: string;
}

/**
 * Creates a request function for one repository that handles 401 challenges: Basic with the
 * credentials, or Bearer with a token fetched from the challenge's realm. Later requests reuse the
 * Authorization value.
 */
function createPushSession(url: string, repository: string, auth: RegistryCredentials | undefined) {
  let authorization: string | undefined;
  const basic =
    auth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;

  async function answerChallenge(header: string | null): Promise<string> {
    const challenges = parseWwwAuthenticate(header ?? '');
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    if (bearer === undefined) {
      if (basic === undefined)
        throw new Error(`Registry ${url} requires credentials; pass them to the push helper.`);
      return basic;
    }

    const tokenUrl = new URL(bearer.params.realm ?? '');
    if (bearer.params.service !== undefined) tokenUrl.searchParams.set('service', bearer.params.service);
    tokenUrl.searchParams.set('scope', `repository:${repository}:pull,push`);
    const response = await fetch(tokenUrl, { headers: basic === undefined ? {} : { authorization: basic } });
    if (!response.ok)
      throw new Error(`Token request to ${tokenUrl.origin} failed with HTTP ${response.status}.`);
    const body = (await response.json()) as { token?: string; access_token?: string };
    return `Bearer ${body.token ?? body.access_token}`;
  }

  return async function send(target: string | URL, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const headers = new Headers(init.headers);
      if (authorization !== undefined) headers.set('authorization', authorization);
      const response = await fetch(new URL(target, url), { ...init, headers });
      if (response.status !== 401 || attempt > 0) return response;

      await response.body?.cancel();
      authorization = await answerChallenge(response.headers.get('www-authenticate'));
    }
  };
}

type Send = ReturnType<typeof createPushSession>;

async function expectStatus(response: Response, expected: number, description: string): Promise<void> {
  if (response.status === expected) return;
  const body = await response.text();
  throw new Error(
    `${description} failed with HTTP ${response.status} (expected ${expected}): ${body.slice(0, 500)}`,
  );
}

async function uploadBlob(send: Send, repository: string, bytes: Uint8Array, digest: string): Promise<void> {
  const started = await send(`/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await expectStatus(started, 202, `starting a blob upload to ${repository}`);
  await started.body?.cancel();

  const location = new URL(started.headers.get('location') ?? '', started.url);
  location.searchParams.set('digest', digest);
  const finished = await send(location, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    // A copy backed by a plain ArrayBuffer, which the DOM's BodyInit type requires.
    body: new Uint8Array(bytes),
  });
  await expectStatus(finished, 201, `uploading blob ${digest} to ${repository}`);
  await finished.body?.cancel();
}

async function putManifest(
  send: Send,
  repository: string,
  reference: string,
  blob: BuiltBlob,
): Promise<string> {
  const response = await send(`/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': blob.descriptor.mediaType },
    body: new Uint8Array(blob.bytes),
  });
  await expectStatus(response, 201, `pushing manifest ${repository}:${reference}`);
  await response.body?.cancel();
  return response.headers.get('docker-content-digest') ?? blob.descriptor.digest;
}

async function pushImageWith(
  send: Send,
  repository: string,
  image: BuiltImage,
  reference: string,
): Promise<string> {
  for (const blob of blobsOf(image)) await uploadBlob(send, repository, blob.bytes, blob.descriptor.digest);
  return putManifest(send, repository, reference, image.manifest);
}

/** Uploads one blob with a monolithic upload (POST, then PUT with the digest); returns its digest and size. */
export async function pushBlob(
  url: string,
  repository: string,
  bytes: Uint8Array,
  auth?: RegistryCredentials,
): Promise<Pick<Descriptor, 'digest' | 'size'>> {
  const descriptor = digestAndSize(bytes);
  await uploadBlob(createPushSession(url, repository, auth), repository, bytes, descriptor.digest);
  return descriptor;
}

function digestAndSize(bytes: Uint8Array): Pick<Descriptor, 'digest' | 'size'> {
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.byteLength };
}

/** Puts manifest bytes under a tag or digest; returns the digest the registry reports. */
export async function pushManifest(
  url: string,
  repository: string,
  reference: string,
  mediaType: string,
  bytes: Uint8Array,
  auth?: RegistryCredentials,
): Promise<string> {
  const blob: BuiltBlob = { bytes, descriptor: { mediaType, ...digestAndSize(bytes) } };
  return putManifest(createPushSession(url, repository, auth), repository, reference, blob);
}

/** Builds and pushes a small synthetic image (see buildImage) under `tag`, or by digest when no tag is given. */
export async function pushImage(
  url: string,
  repository: string,
  tag: string | undefined,
  options: SyntheticImageOptions = {},
  auth?: RegistryCredentials,
): Promise<PushedImage> {
  const image = buildImage(options);
  const send = createPushSession(url, repository, auth);
  const digest = await pushImageWith(send, repository, image, tag ?? image.manifest.descriptor.digest);
  return { ...image, digest };
}

/** Builds and pushes a two-platform index with an attestation entry (see buildIndex) under `tag`. */
export async function pushIndex(
  url: string,
  repository: string,
  tag: string | undefined,
  options: SyntheticIndexOptions = {},
  auth?: RegistryCredentials,
): Promise<PushedIndex> {
  const built = buildIndex(options);
  const send = createPushSession(url, repository, auth);
  const images = built.attestation === undefined ? built.platforms : [...built.platforms, built.attestation];
  for (const image of images) await pushImageWith(send, repository, image, image.manifest.descriptor.digest);
  const digest = await putManifest(send, repository, tag ?? built.index.descriptor.digest, built.index);
  return { ...built, digest };
}
