// Attaches vulnerability attestations with real Trivy findings to two seeded images, for the scan
// stories: an older version with four findings (one critical) in its `.att` tag, and a newer one with
// two of them in a Sigstore bundle referrer.
import { generateSigningKey } from '../../api/test/support/cosign/index.ts';
import {
  pushAttestations,
  pushBundleReferrers,
  vulnAttestationBundle,
  vulnAttestationLayer,
} from '../../api/test/scans/attestation-harness.ts';
import { fixtureFiles, readFixtureJson } from '../../api/test/scans/fixtures.ts';
import { mergedTrivyReport } from '../../api/test/scans/store-harness.ts';

/** The plugin whose versions carry attestations, and what each one reports. */
export const scannedPlugin = {
  name: 'binary-operations-plugin',
  /** debian-buster and pip goldens: CVE-2019-18224 (critical), CVE-2019-14806, CVE-2020-28724, CVE-2019-18276. */
  older: { version: '0.5.2-dev0', repository: 'polusai/binary-operations-plugin', tag: '0.5.2-dev0' },
  /** The pip golden only: CVE-2019-14806 (high) and CVE-2020-28724 (medium). */
  newer: { version: '0.5.6', repository: 'polusai/binary-operations-tool', tag: '0.5.6' },
};

/** The plugin the rescan story scans through the stand-in scanner; it has no report before. */
export const rescannedPlugin = { name: 'basic-flatfield-correction-plugin', version: '1.2.7' };

/** Reads the manifest a tag points to: its digest, media type and exact bytes. */
async function manifestOf(registryUrl: string, repository: string, tag: string) {
  const response = await fetch(`${registryUrl}/v2/${repository}/manifests/${tag}`, {
    headers: {
      accept: [
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
      ].join(', '),
    },
  });
  const digest = response.headers.get('docker-content-digest');
  const mediaType = response.headers.get('content-type');
  if (!response.ok || digest === null || mediaType === null) {
    throw new Error(`${repository}:${tag} is not in the registry (HTTP ${response.status})`);
  }
  return { digest, mediaType, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Pushes one signed vulnerability attestation to each version's image, scanned a day ago. */
export async function attachScanAttestations(registryUrl: string): Promise<void> {
  // A key without a signer record: the page shows the findings with "Unknown signer".
  const key = generateSigningKey('ecdsa-p256');
  const scanFinishedOn = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();

  const older = await manifestOf(registryUrl, scannedPlugin.older.repository, scannedPlugin.older.tag);
  await pushAttestations(registryUrl, scannedPlugin.older.repository, older.digest, [
    vulnAttestationLayer({ digest: older.digest, key, report: mergedTrivyReport(), scanFinishedOn }),
  ]);

  const newer = await manifestOf(registryUrl, scannedPlugin.newer.repository, scannedPlugin.newer.tag);
  await pushBundleReferrers(registryUrl, scannedPlugin.newer.repository, newer, [
    vulnAttestationBundle({
      digest: newer.digest,
      key,
      report: readFixtureJson(fixtureFiles.pip),
      scanFinishedOn,
    }),
  ]);
}
