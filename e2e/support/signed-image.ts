// Signs one seeded image for the signer stories: a cosign signature by a key whose signer record is
// pending, so the catalog shows "Unapproved signer" until an administrator approves it.
import type { AssayServer } from '../../api/src/server.ts';
import { createSigner } from '../../api/src/signers/service.ts';
import {
  buildSignatureManifest,
  generateSigningKey,
  pushSignatureManifest,
  signLayer,
} from '../../api/test/support/cosign/index.ts';

/** The plugin whose image carries the signature, and the pending signer that made it. */
export const signedImage = {
  plugin: 'kaggle-nuclei-segmentation',
  repository: 'polusai/kaggle-nuclei-segmentation-tool',
  tag: '0.1.5',
  signer: 'E2E lab key',
};

/** Pushes a signature of the seeded image's digest and records its key as a pending signer. */
export async function signSeededImage(registryUrl: string, db: AssayServer['database']['db']): Promise<void> {
  const key = generateSigningKey('ecdsa-p256');
  const head = await fetch(`${registryUrl}/v2/${signedImage.repository}/manifests/${signedImage.tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  const digest = head.headers.get('docker-content-digest');
  if (digest === null) throw new Error(`${signedImage.repository}:${signedImage.tag} is not in the registry`);

  const signatures = buildSignatureManifest([signLayer({ key, digest })]);
  await pushSignatureManifest(registryUrl, signedImage.repository, digest, signatures);
  await createSigner(
    db,
    { kind: 'key', displayName: signedImage.signer, publicKeyPem: key.publicKeyPem },
    { actor: null, now: new Date() },
  );
}
