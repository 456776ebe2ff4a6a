// Prepares one seeded image that the default trust policy calls trusted, for the verdict story. It gets
// a signature by an approved key and a vulnerability attestation from the same key, scanned a day ago.
// Its worst finding is a high one with a fix: CVE-2019-14806 in Werkzeug, from Trivy's pip golden.
import type { AssayServer } from '../../api/src/server.ts';
import { createSigner } from '../../api/src/signers/service.ts';
import { pushAttestations, vulnAttestationLayer } from '../../api/test/scans/attestation-harness.ts';
import { fixtureFiles, readFixtureJson } from '../../api/test/scans/fixtures.ts';
import {
  buildSignatureManifest,
  generateSigningKey,
  pushSignatureManifest,
  signLayer,
} from '../../api/test/support/cosign/index.ts';

/** The plugin whose newest version is trusted until the policy also fails high findings. */
export const trustedImage = {
  plugin: 'precompute-slide',
  title: 'Precompute Slide Viewer',
  version: '1.7.2',
  repository: 'polusai/precompute-slide-tool',
  tag: '1.7.2',
  signer: 'E2E release key',
  highFinding: 'CVE-2019-14806',
};

/** Approves a new key, signs the image with it and attaches a signed vulnerability attestation. */
export async function prepareTrustedImage(
  registryUrl: string,
  db: AssayServer['database']['db'],
): Promise<void> {
  const key = generateSigningKey('ecdsa-p256');
  await createSigner(
    db,
    {
      kind: 'key',
      displayName: trustedImage.signer,
      publicKeyPem: key.publicKeyPem,
      approve: true,
      scope: ['docker.io/polusai/precompute-slide-tool'],
    },
    { actor: null, now: new Date() },
  );

  const head = await fetch(`${registryUrl}/v2/${trustedImage.repository}/manifests/${trustedImage.tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
  });
  const digest = head.headers.get('docker-content-digest');
  if (digest === null)
    throw new Error(`${trustedImage.repository}:${trustedImage.tag} is not in the registry`);

  await pushSignatureManifest(
    registryUrl,
    trustedImage.repository,
    digest,
    buildSignatureManifest([signLayer({ key, digest })]),
  );
  await pushAttestations(registryUrl, trustedImage.repository, digest, [
    vulnAttestationLayer({
      digest,
      key,
      report: readFixtureJson(fixtureFiles.pip),
      scanFinishedOn: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString(),
    }),
  ]);
}
