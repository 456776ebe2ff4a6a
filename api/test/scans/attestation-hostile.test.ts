import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { buildVulnAttestationStatement } from '../../src/scans/attestation.ts';
import {
  importImageAttestations,
  type AttestationImportDeps,
  type AttestationOutcome,
} from '../../src/scans/attestations/import.ts';
import { vulnPredicateType } from '../../src/scans/parsers/cosign-vuln.ts';
import { listDigestReports } from '../../src/scans/store/current-report.ts';
import { buildSignatureTrust } from '../../src/signatures/index.ts';
import {
  buildBundle,
  buildBundleReferrer,
  buildReferrersIndex,
  bundleV01MediaType,
  bundleV03MediaType,
  cosignSignPredicateType,
  createKeylessSigner,
  createTestRekorLog,
  generateSigningKey,
  pushManifest as pushBuiltManifest,
  sha256Digest,
  signDsse,
  type BuiltManifest,
  type TestCertificate,
  type TestRekorLog,
} from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import {
  pushImage,
  pushManifest,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type PushedImage,
  type TestRegistry,
} from '../support/registry/index.ts';
import {
  attestationImportDeps,
  type AttestationLayer,
  attestedImage,
  backdatingLog,
  type BundleReferrer,
  imageFactory,
  keylessSigning,
  pushAttestations,
  pushBundleReferrers,
  vulnAttestationBundle,
  vulnAttestationLayer,
} from './attestation-harness.ts';
import { fixtureFiles, otherDigest, readFixtureJson } from './fixtures.ts';
import { largeTrivyReport, openTestContext } from './store-harness.ts';

const sqlite = engineCases.find((entry) => entry.engine === 'sqlite');
if (sqlite === undefined) throw new Error('the SQLite engine case is missing from engineCases');

const knownKey = generateSigningKey();
const unknownKey = generateSigningKey();
const san = 'scanner@lab.example.org';
const issuer = 'https://login.example.org';
const signedAt = new Date('2024-05-01T10:05:00Z');
const repository = 'wipp/hostile';
const sha512Subject = `sha512:${createHash('sha512').update('another image').digest('hex')}`;

/** The Sigstore bundle JSON fields that the hostile edits below change. */
interface BundleJson {
  mediaType: string;
  verificationMaterial: Record<string, unknown>;
  dsseEnvelope?: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
  messageSignature?: unknown;
}

/** The DSSE envelope JSON of a `.att` layer. */
interface EnvelopeJson {
  payload: string;
  payloadType: string;
  signatures: { sig: string; keyid: string }[];
}

function editBundle(referrer: BundleReferrer, edit: (bundle: BundleJson) => void): BundleReferrer {
  const bundle = JSON.parse(new TextDecoder().decode(referrer.bundle)) as BundleJson;
  edit(bundle);
  return { ...referrer, bundle: new TextEncoder().encode(JSON.stringify(bundle)) };
}

function editEnvelope(layer: AttestationLayer, edit: (envelope: EnvelopeJson) => void): AttestationLayer {
  const envelope = JSON.parse(new TextDecoder().decode(layer.envelope)) as EnvelopeJson;
  edit(envelope);
  return { ...layer, envelope: new TextEncoder().encode(JSON.stringify(envelope)) };
}

/** Builds a cosign vulnerability statement for `digest` with the debian-buster Trivy golden. */
function vulnStatement(digest: string) {
  return buildVulnAttestationStatement(
    digest,
    readFixtureJson(fixtureFiles.debianBuster),
    {
      uri: 'pkg:github/aquasecurity/trivy@v0.50.1',
      version: '0.50.1',
      scanStartedOn: '2024-05-01T09:58:00Z',
      scanFinishedOn: '2024-05-01T10:00:00Z',
    },
    'registry.test/wipp/hostile',
  );
}

/** Signs any statement with a key and wraps it in a public-key Sigstore bundle. */
function keyBundle(statement: unknown, key = knownKey): BundleReferrer {
  const envelope = signDsse(key, new TextEncoder().encode(JSON.stringify(statement)));
  return { bundle: buildBundle({ envelope }), predicateType: vulnPredicateType };
}

/** Rewrites a manifest's JSON. The result has a new digest and the same blobs. */
function rebuildManifest(
  manifest: BuiltManifest,
  edit: (body: Record<string, unknown>) => void,
): BuiltManifest {
  const body = JSON.parse(new TextDecoder().decode(manifest.bytes)) as Record<string, unknown>;
  edit(body);
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return { ...manifest, bytes, digest: sha256Digest(bytes) };
}

function subjectOf(image: PushedImage): BuiltManifest {
  return {
    mediaType: image.manifest.descriptor.mediaType,
    bytes: image.manifest.bytes,
    digest: image.digest,
    blobs: [],
  };
}

/** Returns the place, result and reason of an outcome, so that a failing assertion shows all three. */
function summary(outcome: AttestationOutcome): [string | undefined, string, string] {
  return [outcome.foundIn, outcome.result, outcome.reason];
}

describe('vulnerability attestations from a hostile registry on sqlite', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let context: DatabaseContext;
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let deps: AttestationImportDeps;
  let leaf: TestCertificate;
  let log: TestRekorLog;
  let unconfiguredLog: TestRekorLog;
  let intotoV1Log: TestRekorLog;

  beforeAll(async () => {
    database = await sqlite.create();
    ({ context, handle } = await openTestContext(database));
    registry = await startRegistry();
    pushNewImage = imageFactory(registry.url, repository, 'hostile');
    // Assay reads through the proxy, so that tests can see which requests were made and inject outages.
    proxy = await startFaultProxy(registry.url);

    const signer = await createKeylessSigner('hostile-fulcio', { san, issuer }, signedAt);
    leaf = signer.leaf;
    log = createTestRekorLog();
    unconfiguredLog = createTestRekorLog();
    // A configured log that writes `intoto` 0.0.1 bodies, which name the key but not the signature.
    intotoV1Log = createTestRekorLog({
      kind: 'intoto',
      version: '0.0.1',
      bodyFor: (content) => ({
        apiVersion: '0.0.1',
        kind: 'intoto',
        spec: {
          content: {
            hash: { algorithm: 'sha256', value: createHash('sha256').update(content.payload).digest('hex') },
            payloadHash: {
              algorithm: 'sha256',
              value: createHash('sha256').update(content.payload).digest('hex'),
            },
          },
          publicKey: Buffer.from(content.publicKeyPem).toString('base64'),
        },
      }),
    });

    const trust = buildSignatureTrust({
      keys: [knownKey.publicKeyPem],
      identities: [{ san, issuer }],
      certificateAuthorities: [
        {
          name: 'hostile-fulcio',
          pem: signer.authorityPem,
          requireSigningTime: true,
        },
      ],
      rekorKeys: [log.publicKeyPem, intotoV1Log.publicKeyPem],
    });
    deps = attestationImportDeps(context.db, { host: proxy.host, url: proxy.url, timeoutMs: 5_000 }, trust);
  });

  afterAll(async () => {
    await proxy?.close();
    await registry?.stop();
    await handle?.close();
    await database?.drop();
  });

  let pushNewImage: () => Promise<PushedImage>;
  const newImage = (): Promise<PushedImage> => pushNewImage();
  const attested = (image: PushedImage) => attestedImage(proxy.host, repository, image);
  const keyless = keylessSigning(
    () => leaf,
    () => log,
    signedAt,
  );

  async function storedSignatures(digest: string): Promise<[string | null, string | null][]> {
    const reports = await listDigestReports(context.db, digest);
    return reports.map((report) => [report.signature_status, report.signature_reason]);
  }

  /** Pushes referrer manifests and, under the referrers tag, an index built from `listed`. */
  async function pushReferrers(
    image: PushedImage,
    pushed: BuiltManifest[],
    listed: BuiltManifest[] = pushed,
    editIndex: (body: Record<string, unknown>) => void = () => {},
  ): Promise<void> {
    for (const manifest of pushed) await pushBuiltManifest(registry.url, repository, manifest);
    const index = rebuildManifest(buildReferrersIndex(listed), editIndex);
    await pushBuiltManifest(registry.url, repository, index, image.digest.replace(':', '-'));
  }

  function blobRequests(digest: string): string[] {
    return proxy.requests
      .filter((request) => request.method === 'GET' && request.path.endsWith(`/blobs/${digest}`))
      .map((request) => request.path);
  }

  it.each([{ place: 'referrer-bundle' as const }, { place: 'cosign-tag' as const }])(
    'rejects a $place entry larger than the bound',
    async ({ place }) => {
      const image = await newImage();
      const options = { digest: image.digest, key: knownKey, report: largeTrivyReport(200) };
      let bytes: Uint8Array;
      if (place === 'referrer-bundle') {
        const referrer = vulnAttestationBundle(options);
        bytes = referrer.bundle;
        await pushBundleReferrers(registry.url, repository, image, [referrer]);
      } else {
        const layer = vulnAttestationLayer(options);
        bytes = layer.envelope;
        await pushAttestations(registry.url, repository, image.digest, [layer]);
      }
      // The envelope bound is the report bound grown by a third for base64, plus 64 KiB.
      const small = { ...deps, reportLimits: { maxBytes: 1024, maxFindings: 1000 } };
      const bound = Math.ceil((1024 * 4) / 3) + 64 * 1024;
      const layerDigest = sha256Digest(bytes);
      expect(bytes.byteLength).toBeGreaterThan(bound);

      const { outcomes } = await importImageAttestations(small, attested(image));

      expect(outcomes.map(summary)).toEqual([
        [
          undefined,
          'rejected',
          `Blob ${layerDigest} is ${bytes.byteLength} bytes, more than the limit of ${bound}.`,
        ],
      ]);
      expect(outcomes[0]?.layerDigest).toBe(layerDigest);
      expect(blobRequests(layerDigest)).toEqual([]);
      expect(await storedSignatures(image.digest)).toEqual([]);
    },
  );

  it('rejects a blob longer than its descriptor says', async () => {
    const image = await newImage();
    const { bundle } = vulnAttestationBundle({ digest: image.digest, key: knownKey });
    const layerDigest = sha256Digest(bundle);
    const understated = rebuildManifest(
      buildBundleReferrer(subjectOf(image), bundle, bundleV03MediaType, vulnPredicateType),
      (body) => {
        (body.layers as { size: number }[])[0]!.size = 100;
      },
    );
    await pushReferrers(image, [understated]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        undefined,
        'rejected',
        `Blob ${layerDigest} could not be read: Registry ${proxy.host} returned ${bundle.byteLength} bytes for blob ${repository}@${layerDigest}, whose descriptor declares 100 bytes.`,
      ],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  const text = (value: string) => new TextEncoder().encode(value);
  it.each([
    { name: 'not JSON', bundle: text('cosign bundle {'), reason: 'The Sigstore bundle is not valid JSON.' },
    {
      name: 'not UTF-8',
      bundle: new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]),
      reason: 'The Sigstore bundle is not valid JSON.',
    },
    { name: 'a JSON array', bundle: text('[]'), reason: 'The Sigstore bundle is invalid' },
    { name: 'an empty object', bundle: text('{}'), reason: 'The Sigstore bundle is invalid' },
  ])('rejects a bundle that is $name', async ({ bundle, reason }) => {
    const image = await newImage();
    await pushBundleReferrers(registry.url, repository, image, [
      { bundle, predicateType: vulnPredicateType },
    ]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([['referrer-bundle', 'rejected', expect.stringContaining(reason)]]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('rejects a bundle with a message signature', async () => {
    const image = await newImage();
    const hostile = editBundle(vulnAttestationBundle({ digest: image.digest, key: knownKey }), (bundle) => {
      const signature = bundle.dsseEnvelope?.signatures[0]?.sig ?? '';
      delete bundle.dsseEnvelope;
      bundle.messageSignature = {
        messageDigest: {
          algorithm: 'SHA2_256',
          digest: Buffer.from(image.digest.slice('sha256:'.length), 'hex').toString('base64'),
        },
        signature,
      };
    });
    await pushBundleReferrers(registry.url, repository, image, [hostile]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        'referrer-bundle',
        'rejected',
        'The bundle holds a message signature, which names no image digest; attestations use a DSSE envelope.',
      ],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('rejects a bundle envelope with two signatures', async () => {
    const image = await newImage();
    // @sigstore/bundle rejects a second signature before Assay's own count check runs.
    const hostile = editBundle(vulnAttestationBundle({ digest: image.digest, key: knownKey }), (bundle) => {
      const [signature] = bundle.dsseEnvelope?.signatures ?? [];
      if (signature !== undefined) bundle.dsseEnvelope?.signatures.push({ ...signature });
    });
    await pushBundleReferrers(registry.url, repository, image, [hostile]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        'referrer-bundle',
        'rejected',
        'The Sigstore bundle is invalid (invalid fields: content.dsseEnvelope.signatures).',
      ],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('accepts a .att envelope with one forged signature', async () => {
    const image = await newImage();
    const forged = Buffer.from(new Uint8Array(70).fill(9)).toString('base64');
    const hostile = editEnvelope(
      vulnAttestationLayer({ digest: image.digest, key: knownKey }),
      (envelope) => {
        envelope.signatures.unshift({ keyid: '', sig: forged });
      },
    );
    await pushAttestations(registry.url, repository, image.digest, [hostile]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      ['cosign-tag', 'imported', `Signed with the known key ${knownKey.fingerprint} (ecdsa-p256).`],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([['valid', 'ok']]);
  });

  it.each([
    { place: 'referrer-bundle' as const, payloadType: 'application/vnd.dev.cosign.simplesigning.v1+json' },
    { place: 'cosign-tag' as const, payloadType: 'application/json' },
  ])('rejects payload type $payloadType in a $place entry', async ({ place, payloadType }) => {
    const image = await newImage();
    const options = { digest: image.digest, key: knownKey };
    if (place === 'referrer-bundle') {
      const hostile = editBundle(vulnAttestationBundle(options), (bundle) => {
        if (bundle.dsseEnvelope !== undefined) bundle.dsseEnvelope.payloadType = payloadType;
      });
      await pushBundleReferrers(registry.url, repository, image, [hostile]);
    } else {
      const hostile = editEnvelope(vulnAttestationLayer(options), (envelope) => {
        envelope.payloadType = payloadType;
      });
      await pushAttestations(registry.url, repository, image.digest, [hostile]);
    }

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [place, 'rejected', `The DSSE payload type is "${payloadType}", not "application/vnd.in-toto+json".`],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it.each([
    {
      name: 'no subject',
      subject: () => [],
      reason: () => 'The in-toto statement has no subject.',
    },
    {
      name: 'a subject of another digest',
      subject: () => [{ name: 'x', digest: { sha256: otherDigest.slice('sha256:'.length) } }],
      reason: (digest: string) => `The signature is for ${otherDigest}, not for the image digest ${digest}.`,
    },
    {
      name: 'a sha512 subject',
      subject: () => [{ name: 'x', digest: { sha512: sha512Subject.slice('sha512:'.length) } }],
      reason: (digest: string) =>
        `The signature is for ${sha512Subject}, not for the image digest ${digest}.`,
    },
  ])('rejects a statement with $name', async ({ subject, reason }) => {
    const image = await newImage();
    const statement = { ...vulnStatement(image.digest), subject: subject() };
    await pushBundleReferrers(registry.url, repository, image, [keyBundle(statement)]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([['referrer-bundle', 'rejected', reason(image.digest)]]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('names the problem of a subject without a digest', async () => {
    const image = await newImage();
    const statement = { ...vulnStatement(image.digest), subject: [{ name: 'registry.test/wipp/hostile' }] };
    await pushBundleReferrers(registry.url, repository, image, [keyBundle(statement)]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['rejected']);
    expect(outcomes[0]?.reason).toMatch(/subject/i);
  });

  it('names the problem of a null subject entry', async () => {
    const image = await newImage();
    const statement = { ...vulnStatement(image.digest), subject: [null] };
    await pushBundleReferrers(registry.url, repository, image, [keyBundle(statement)]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['rejected']);
    expect(outcomes[0]?.reason).toMatch(/subject/i);
  });

  it('rejects a referrer listed in the index but missing', async () => {
    const image = await newImage();
    const [missing] = await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, key: knownKey }),
    ]);
    const deleted = await fetch(`${registry.url}/v2/${repository}/manifests/${missing?.digest}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(202);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [undefined, 'rejected', `Referrer manifest ${missing?.digest} is listed but not found.`],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('reads a listed referrer once it appears', async () => {
    const image = await newImage();
    const [late] = await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, key: knownKey }),
    ]);
    await fetch(`${registry.url}/v2/${repository}/manifests/${late?.digest}`, { method: 'DELETE' });
    await importImageAttestations(deps, attested(image));
    if (late !== undefined) await pushBuiltManifest(registry.url, repository, late);

    const { skipped, outcomes } = await importImageAttestations(deps, attested(image));

    expect(skipped).toBe(false);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['imported']);
    expect(await storedSignatures(image.digest)).toEqual([['valid', 'ok']]);
  });

  it('checks a referrer manifest against its descriptor size', async () => {
    const image = await newImage();
    const { bundle } = vulnAttestationBundle({ digest: image.digest, key: knownKey });
    const referrer = buildBundleReferrer(subjectOf(image), bundle, bundleV03MediaType, vulnPredicateType);
    await pushReferrers(image, [referrer], [referrer], (index) => {
      const [entry] = index.manifests as { size: number }[];
      if (entry !== undefined) entry.size = 100;
    });

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map((outcome) => outcome.result)).toEqual(['rejected']);
    expect(outcomes[0]?.reason).toContain('100 bytes');
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('rejects a referrer manifest without a bundle layer', async () => {
    const image = await newImage();
    const { bundle } = vulnAttestationBundle({ digest: image.digest, key: knownKey });
    const referrer = rebuildManifest(
      buildBundleReferrer(subjectOf(image), bundle, bundleV03MediaType, vulnPredicateType),
      (body) => {
        (body.layers as { mediaType: string }[])[0]!.mediaType = 'application/vnd.in-toto+json';
      },
    );
    await pushReferrers(image, [referrer]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [undefined, 'rejected', `Referrer manifest ${referrer.digest} has no Sigstore bundle layer.`],
    ]);
    expect(blobRequests(sha256Digest(bundle))).toEqual([]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('reads no more bundle referrers than maxLayers', async () => {
    const image = await newImage();
    const referrers = await pushBundleReferrers(
      registry.url,
      repository,
      image,
      ['2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '2024-05-01T12:00:00Z'].map((scanFinishedOn) =>
        vulnAttestationBundle({ digest: image.digest, key: knownKey, scanFinishedOn }),
      ),
    );

    const { outcomes } = await importImageAttestations({ ...deps, maxLayers: 2 }, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        undefined,
        'rejected',
        `3 Sigstore bundle referrers of ${image.digest} were found; only the first 2 were read.`,
      ],
      ['referrer-bundle', 'imported', `Signed with the known key ${knownKey.fingerprint} (ecdsa-p256).`],
      ['referrer-bundle', 'imported', `Signed with the known key ${knownKey.fingerprint} (ecdsa-p256).`],
    ]);
    const fetched = referrers.filter((referrer) =>
      proxy.requests.some((request) => request.path.endsWith(`/manifests/${referrer.digest}`)),
    );
    expect(fetched).toHaveLength(2);
    expect(await storedSignatures(image.digest)).toEqual([
      ['valid', 'ok'],
      ['valid', 'ok'],
    ]);
  });

  it('skips an image signature referrer', async () => {
    const image = await newImage();
    const { bundle } = vulnAttestationBundle({ digest: image.digest, key: knownKey });
    const signatureReferrer = buildBundleReferrer(
      subjectOf(image),
      bundle,
      bundleV03MediaType,
      cosignSignPredicateType,
    );
    // The index entry claims a vulnerability attestation; the manifest itself names the image signature predicate.
    await pushReferrers(image, [signatureReferrer], [signatureReferrer], (index) => {
      const [entry] = index.manifests as { annotations: Record<string, string> }[];
      if (entry !== undefined) entry.annotations['dev.sigstore.bundle.predicateType'] = vulnPredicateType;
    });

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes).toEqual([]);
    expect(blobRequests(sha256Digest(bundle))).toEqual([]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it.each([
    { place: 'referrer-bundle' as const, reason: 'The bundle carries 12 certificates, more than 11.' },
    {
      place: 'cosign-tag' as const,
      reason: 'The dev.sigstore.cosign/chain annotation contains 11 certificates, more than 10.',
    },
  ])('rejects a keyless $place entry with too many chain certificates', async ({ place, reason }) => {
    const image = await newImage();
    const options = { digest: image.digest, keyless: keyless({ entryKind: 'intoto' }) };
    if (place === 'referrer-bundle') {
      const hostile = editBundle(vulnAttestationBundle({ ...options, keyless: keyless() }), (bundle) => {
        const rawBytes = Buffer.from(leaf.der).toString('base64');
        bundle.mediaType = bundleV01MediaType;
        delete bundle.verificationMaterial.certificate;
        bundle.verificationMaterial.x509CertificateChain = {
          certificates: Array.from({ length: 12 }, () => ({ rawBytes })),
        };
      });
      await pushBundleReferrers(registry.url, repository, image, [hostile]);
    } else {
      const layer = vulnAttestationLayer(options);
      layer.annotations['dev.sigstore.cosign/chain'] = leaf.pem.repeat(11);
      await pushAttestations(registry.url, repository, image.digest, [layer]);
    }

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([[place, 'rejected', reason]]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('keeps an unconfigured log entry unverifiable', async () => {
    const image = await newImage();
    await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, keyless: keyless({ log: unconfiguredLog }) }),
    ]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        'referrer-bundle',
        'imported',
        "The certificate's authority requires a verified signing time, and its Rekor entry comes from a log that is not configured.",
      ],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([['unverifiable', 'no-signing-time']]);
  });

  it('distrusts an intoto 0.0.1 Rekor entry', async () => {
    const image = await newImage();
    await pushAttestations(registry.url, repository, image.digest, [
      vulnAttestationLayer({
        digest: image.digest,
        keyless: keyless({ log: intotoV1Log, entryKind: 'intoto' }),
      }),
    ]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        'cosign-tag',
        'imported',
        'Rekor entries of kind "intoto" version "0.0.1" are not supported (only hashedrekord 0.0.1, dsse 0.0.1 and intoto 0.0.2).',
      ],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([['unverifiable', 'unsupported']]);
  });

  it.each([{ place: 'referrer-bundle' as const }, { place: 'cosign-tag' as const }])(
    'rejects a $place entry with a forged signed entry timestamp',
    async ({ place }) => {
      const image = await newImage();
      // Backdated by an hour: the time no longer matches what the log signed.
      const forged = keyless({ log: backdatingLog(log, 3600) });
      if (place === 'referrer-bundle') {
        await pushBundleReferrers(registry.url, repository, image, [
          vulnAttestationBundle({ digest: image.digest, keyless: forged }),
        ]);
      } else {
        await pushAttestations(registry.url, repository, image.digest, [
          vulnAttestationLayer({ digest: image.digest, keyless: { ...forged, entryKind: 'intoto' } }),
        ]);
      }

      const { outcomes } = await importImageAttestations(deps, attested(image));

      expect(outcomes.map(summary)).toEqual([
        [
          place,
          'rejected',
          `The Rekor entry is invalid: the signed entry timestamp does not verify with the key of Rekor log ${log.logId}.`,
        ],
      ]);
      expect(await storedSignatures(image.digest)).toEqual([]);
    },
  );

  it('stores a bundle from an unknown key as unverifiable', async () => {
    const image = await newImage();
    await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, key: unknownKey }),
    ]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      [
        'referrer-bundle',
        'imported',
        'No known public key verifies this signature, and no Rekor entry names a key that does.',
      ],
    ]);
    const [report] = await listDigestReports(context.db, image.digest);
    expect(report).toMatchObject({ signature_status: 'unverifiable', signature_reason: 'unknown-key' });
    expect(report?.signer_ref ?? null).toBeNull();
  });

  it('stores one report for a bundle under two referrers', async () => {
    const image = await newImage();
    const { bundle } = vulnAttestationBundle({ digest: image.digest, key: knownKey });
    const first = buildBundleReferrer(subjectOf(image), bundle, bundleV03MediaType, vulnPredicateType);
    const second = rebuildManifest(first, (body) => {
      (body.annotations as Record<string, string>)['org.opencontainers.image.created'] =
        '2024-05-02T00:00:00Z';
    });
    await pushReferrers(image, [first, second]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map((outcome) => [outcome.result, outcome.layerDigest])).toEqual([
      ['imported', sha256Digest(bundle)],
      ['ignored', sha256Digest(bundle)],
    ]);
    expect(outcomes.filter((outcome) => outcome.reportId !== undefined)).toHaveLength(1);
    expect(await storedSignatures(image.digest)).toEqual([['valid', 'ok']]);
  });

  it('rejects a scanner result that is not Trivy JSON', async () => {
    const image = await newImage();
    const statement = vulnStatement(image.digest);
    statement.predicate.scanner.result = { Results: 'none' };
    await pushBundleReferrers(registry.url, repository, image, [keyBundle(statement)]);

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map(summary)).toEqual([
      ['referrer-bundle', 'rejected', expect.stringContaining('$.predicate.scanner.result')],
    ]);
    expect(await storedSignatures(image.digest)).toEqual([]);
  });

  it('keeps reports when downloads fail', async () => {
    const image = await newImage();
    await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, key: knownKey }),
    ]);
    await importImageAttestations(deps, attested(image));
    const before = await listDigestReports(context.db, image.digest);
    await pushBundleReferrers(registry.url, repository, image, [
      vulnAttestationBundle({ digest: image.digest, key: knownKey }),
      vulnAttestationBundle({ digest: image.digest, key: knownKey, scanFinishedOn: '2024-05-02T10:00:00Z' }),
    ]);

    // The lookup reads only manifests, so an outage of blob downloads passes the lookup and fails the download.
    const outage = { method: 'GET', path: /\/blobs\//, respond: { status: 503, body: 'unavailable' } };
    proxy.rules.push(outage);
    try {
      await expect(importImageAttestations(deps, attested(image))).rejects.toThrow(/503|unavailable/i);
    } finally {
      proxy.rules.splice(proxy.rules.indexOf(outage), 1);
    }
    const after = await listDigestReports(context.db, image.digest);
    const recovered = await importImageAttestations(deps, attested(image));

    expect(after.map((report) => report.id)).toEqual(before.map((report) => report.id));
    expect(recovered.skipped).toBe(false);
    expect(recovered.outcomes.map((outcome) => outcome.result)).toEqual(['imported', 'imported']);
    expect(await storedSignatures(image.digest)).toEqual([
      ['valid', 'ok'],
      ['valid', 'ok'],
    ]);
  });

  it('reads .att despite a broken referrers tag', async () => {
    const image = await newImage();
    await pushAttestations(registry.url, repository, image.digest, [
      vulnAttestationLayer({ digest: image.digest, key: knownKey }),
    ]);
    const bogus = await pushImage(registry.url, repository, undefined, { content: 'not a referrers index' });
    await pushManifest(
      registry.url,
      repository,
      image.digest.replace(':', '-'),
      bogus.manifest.descriptor.mediaType,
      bogus.manifest.bytes,
    );

    const { outcomes } = await importImageAttestations(deps, attested(image));

    expect(outcomes.map((outcome) => [outcome.foundIn, outcome.result])).toContainEqual([
      'cosign-tag',
      'imported',
    ]);
    expect(await storedSignatures(image.digest)).toEqual([['valid', 'ok']]);
  });
});
