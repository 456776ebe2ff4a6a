import { buildVulnAttestationStatement } from '../../src/scans/attestation.ts';
import { vulnPredicateType } from '../../src/scans/parsers/cosign-vuln.ts';
import { signDsse, type TestSigningKey } from '../support/cosign/index.ts';
import { pushBlob, pushManifest, type RegistryCredentials } from '../support/registry/index.ts';
import { fixtureFiles, readFixtureJson } from './fixtures.ts';

export const dsseMediaType = 'application/vnd.dsse.envelope.v1+json';
const ociManifest = 'application/vnd.oci.image.manifest.v1+json';
const emptyConfig = new TextEncoder().encode('{}');

/** One layer of a `.att` manifest: the DSSE envelope bytes and the descriptor's annotations. */
export interface AttestationLayer {
  envelope: Uint8Array;
  annotations: Record<string, string>;
}

export interface AttestationOptions {
  /** The digest the attestation is pushed for. */
  digest: string;
  key: Pick<TestSigningKey, 'type' | 'privateKey'>;
  /** The statement's subject digest; `digest` when absent. */
  subjectDigest?: string;
  predicateType?: string;
  /** Trivy JSON for `scanner.result`; the debian-buster golden when absent. */
  report?: unknown;
  scanFinishedOn?: string;
}

/** Builds and signs one vulnerability attestation layer as `cosign attest --type vuln` writes it. */
export function vulnAttestationLayer(options: AttestationOptions): AttestationLayer {
  const finishedOn = options.scanFinishedOn ?? '2024-05-01T10:00:00Z';
  const statement = buildVulnAttestationStatement(
    options.subjectDigest ?? options.digest,
    options.report ?? readFixtureJson(fixtureFiles.debianBuster),
    {
      uri: 'pkg:github/aquasecurity/trivy@v0.50.1',
      version: '0.50.1',
      db: { uri: 'pkg:github/aquasecurity/trivy-db', version: 'v2-2024050106' },
      scanStartedOn: '2024-05-01T09:58:00Z',
      scanFinishedOn: finishedOn,
    },
    'registry.test/wipp/threshold',
  );
  const body =
    options.predicateType === undefined ? statement : { ...statement, predicateType: options.predicateType };
  const signed = signDsse(options.key, new TextEncoder().encode(JSON.stringify(body)));
  const envelope = {
    payloadType: signed.payloadType,
    payload: Buffer.from(signed.payload).toString('base64'),
    signatures: [{ keyid: '', sig: Buffer.from(signed.signature).toString('base64') }],
  };
  return {
    envelope: new TextEncoder().encode(JSON.stringify(envelope)),
    annotations: {
      'dev.cosignproject.cosign/signature': '',
      predicateType: options.predicateType ?? vulnPredicateType,
    },
  };
}

/** Pushes a `.att` manifest with `layers` to the attestation tag of `digest`; returns the manifest digest. */
export async function pushAttestations(
  registryUrl: string,
  repository: string,
  digest: string,
  layers: AttestationLayer[],
  auth?: RegistryCredentials,
): Promise<string> {
  const config = await pushBlob(registryUrl, repository, emptyConfig, auth);
  const descriptors = [];
  for (const layer of layers) {
    const blob = await pushBlob(registryUrl, repository, layer.envelope, auth);
    descriptors.push({ mediaType: dsseMediaType, ...blob, annotations: layer.annotations });
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: ociManifest,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', ...config },
    layers: descriptors,
  };
  const tag = `${digest.replace(':', '-')}.att`;
  return pushManifest(
    registryUrl,
    repository,
    tag,
    ociManifest,
    new TextEncoder().encode(JSON.stringify(manifest)),
    auth,
  );
}
