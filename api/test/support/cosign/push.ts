import type { Blob, BuiltManifest } from './oci.ts';

/**
 * Uploads a blob with the Distribution API's monolithic upload: `POST /v2/<repo>/blobs/uploads/` opens a
 * session, then one `PUT <location>?digest=<digest>` sends the whole body.
 */
export async function pushBlob(registryUrl: string, repository: string, blob: Blob): Promise<void> {
  const start = await fetch(`${registryUrl}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  const location = start.headers.get('location');
  if (start.status !== 202 || location === null) {
    throw new Error(
      `Starting a blob upload to ${repository} failed with HTTP ${start.status}: ${await start.text()}`,
    );
  }

  const uploadUrl = new URL(location, registryUrl);
  uploadUrl.searchParams.set('digest', blob.digest);
  const put = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: Buffer.from(blob.bytes),
  });
  if (put.status !== 201) {
    throw new Error(
      `Uploading blob ${blob.digest} to ${repository} failed with HTTP ${put.status}: ${await put.text()}`,
    );
  }
}

/** Uploads a manifest's blobs, then the manifest under `reference` (a tag, or its digest when omitted). */
export async function pushManifest(
  registryUrl: string,
  repository: string,
  manifest: BuiltManifest,
  reference: string = manifest.digest,
): Promise<void> {
  for (const blob of manifest.blobs) await pushBlob(registryUrl, repository, blob);

  const response = await fetch(`${registryUrl}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': manifest.mediaType },
    body: Buffer.from(manifest.bytes),
  });
  if (response.status !== 201) {
    throw new Error(
      `Pushing manifest ${reference} to ${repository} failed with HTTP ${response.status}: ${await response.text()}`,
    );
  }
}

/** Pushes a `.sig` manifest to the cosign signature tag of `digest`. */
export async function pushSignatureManifest(
  registryUrl: string,
  repository: string,
  digest: string,
  signatures: BuiltManifest,
): Promise<void> {
  await pushManifest(registryUrl, repository, signatures, `${digest.replace(':', '-')}.sig`);
}
