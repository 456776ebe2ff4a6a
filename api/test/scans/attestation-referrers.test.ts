import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { importImageAttestations, type AttestationImportDeps } from '../../src/scans/attestations/import.ts';
import { listDigestReports } from '../../src/scans/store/current-report.ts';
import { buildSignatureTrust } from '../../src/signatures/index.ts';
import {
  buildBundle,
  cosignSignPredicateType,
  createKeylessSigner,
  createTestRekorLog,
  generateSigningKey,
  signDsse,
  signStatement,
  type TestCertificate,
  type TestRekorLog,
} from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { startRegistry, type PushedImage, type TestRegistry } from '../support/registry/index.ts';
import {
  attestationImportDeps,
  attestedImage,
  imageFactory,
  keylessSigning,
  pushAttestations,
  pushBundleReferrers,
  vulnAttestationBundle,
  vulnAttestationLayer,
} from './attestation-harness.ts';
import { otherDigest } from './fixtures.ts';
import { openTestContext } from './store-harness.ts';

const knownKey = generateSigningKey();
const san = 'scanner@lab.example.org';
const issuer = 'https://login.example.org';
const signedAt = new Date('2024-05-01T10:05:00Z');

describe.each(engineCases)(
  'vulnerability attestations as Sigstore bundles and keyless layers on $engine',
  ({ create, unavailable }) => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let context: DatabaseContext;
    let registry: TestRegistry;
    let deps: AttestationImportDeps;
    let leaf: TestCertificate;
    let log: TestRekorLog;
    const repository = 'wipp/bundled';

    beforeAll(async () => {
      if (unavailable) return;
      database = await create();
      ({ context, handle } = await openTestContext(database));
      registry = await startRegistry();
      pushNewImage = imageFactory(registry.url, repository, 'bundled');
      const signer = await createKeylessSigner('attest-fulcio', { san, issuer }, signedAt);
      leaf = signer.leaf;
      log = createTestRekorLog();
      const trust = buildSignatureTrust({
        keys: [knownKey.publicKeyPem],
        identities: [{ san, issuer }],
        certificateAuthorities: [
          {
            name: 'attest-fulcio',
            pem: signer.authorityPem,
            requireSigningTime: true,
          },
        ],
        rekorKeys: [log.publicKeyPem],
      });
      deps = attestationImportDeps(context.db, registry, trust);
    });

    afterAll(async () => {
      await registry?.stop();
      await handle?.close();
      await database?.drop();
    });

    let pushNewImage: () => Promise<PushedImage>;
    const newImage = (): Promise<PushedImage> => pushNewImage();
    const attested = (image: PushedImage) => attestedImage(registry.host, repository, image);
    const keyless = keylessSigning(
      () => leaf,
      () => log,
      signedAt,
    );

    it.skipIf(unavailable)(
      'imports a key-signed bundle referrer found through the referrers tag',
      async () => {
        const image = await newImage();
        const [referrer] = await pushBundleReferrers(registry.url, repository, image, [
          vulnAttestationBundle({ digest: image.digest, key: knownKey }),
        ]);

        const { outcomes } = await importImageAttestations(deps, attested(image));

        expect(outcomes).toEqual([
          expect.objectContaining({ result: 'imported', foundIn: 'referrer-bundle', digest: image.digest }),
        ]);
        const [report] = await listDigestReports(context.db, image.digest);
        expect(report).toMatchObject({
          source: 'attestation',
          format: 'cosign-vuln',
          signature_status: 'valid',
          signer_ref: knownKey.fingerprint,
          finding_count: 2,
          count_critical: 1,
        });
        expect(JSON.parse(report?.signature_details ?? '{}')).toMatchObject({
          source: 'referrer-bundle',
          kind: 'key',
        });
        expect(referrer?.digest).toMatch(/^sha256:/);
      },
    );

    it.skipIf(unavailable)(
      'skips image signature bundles and ignores bundles of other predicates',
      async () => {
        const image = await newImage();
        const signature = {
          bundle: buildBundle({ envelope: signDsse(knownKey, signStatement(image.digest)) }),
          predicateType: cosignSignPredicateType,
        };
        const provenance = {
          bundle: buildBundle({
            envelope: signDsse(knownKey, signStatement(image.digest, 'https://slsa.dev/provenance/v1')),
          }),
          predicateType: 'https://slsa.dev/provenance/v1',
        };
        await pushBundleReferrers(registry.url, repository, image, [
          signature,
          provenance,
          vulnAttestationBundle({ digest: image.digest, key: knownKey }),
        ]);

        const { outcomes } = await importImageAttestations(deps, attested(image));

        expect(outcomes.map((outcome) => outcome.result)).toEqual(['ignored', 'imported']);
        expect(outcomes[0]?.reason).toContain('"https://slsa.dev/provenance/v1" attestation');
      },
    );

    it.skipIf(unavailable)(
      'lets the signed statement decide when the referrer names no predicate',
      async () => {
        const image = await newImage();
        await pushBundleReferrers(registry.url, repository, image, [
          { ...vulnAttestationBundle({ digest: image.digest, key: knownKey }), predicateType: '' },
          {
            ...vulnAttestationBundle({
              digest: image.digest,
              key: knownKey,
              predicateType: 'https://spdx.dev/Document',
            }),
            predicateType: '',
          },
        ]);

        const { outcomes } = await importImageAttestations(deps, attested(image));

        expect(outcomes.map((outcome) => outcome.result)).toEqual(['imported', 'ignored']);
        expect(outcomes[1]?.reason).toContain('https://spdx.dev/Document');
      },
    );

    it.skipIf(unavailable)('rejects an attestation dated in the future', async () => {
      const image = await newImage();
      await pushBundleReferrers(registry.url, repository, image, [
        vulnAttestationBundle({
          digest: image.digest,
          key: knownKey,
          scanFinishedOn: '2099-06-01T00:00:00Z',
        }),
      ]);

      const { outcomes } = await importImageAttestations(deps, attested(image));

      expect(outcomes.map((outcome) => outcome.result)).toEqual(['rejected']);
      expect(outcomes[0]?.reason).toContain('$.predicate.metadata.scanFinishedOn: the scan time 2099-06-01');
      expect(await listDigestReports(context.db, image.digest)).toEqual([]);
    });

    it.skipIf(unavailable)('rejects a bundle whose statement is about another digest', async () => {
      const image = await newImage();
      await pushBundleReferrers(registry.url, repository, image, [
        vulnAttestationBundle({ digest: image.digest, key: knownKey, subjectDigest: otherDigest }),
      ]);

      const { outcomes } = await importImageAttestations(deps, attested(image));

      expect(outcomes).toEqual([
        expect.objectContaining({
          result: 'rejected',
          reason: `The signature is for ${otherDigest}, not for the image digest ${image.digest}.`,
        }),
      ]);
      expect(await listDigestReports(context.db, image.digest)).toEqual([]);
    });

    it.skipIf(unavailable)(
      'verifies a keyless bundle and takes the signing time from its dsse entry',
      async () => {
        const image = await newImage();
        await pushBundleReferrers(registry.url, repository, image, [
          vulnAttestationBundle({ digest: image.digest, keyless: keyless() }),
        ]);

        const { outcomes } = await importImageAttestations(deps, attested(image));

        expect(outcomes.map((outcome) => outcome.result)).toEqual(['imported']);
        const [report] = await listDigestReports(context.db, image.digest);
        expect(report).toMatchObject({ signature_status: 'valid', signer_ref: `${san}|${issuer}` });
        expect(JSON.parse(report?.signature_details ?? '{}')).toMatchObject({
          source: 'referrer-bundle',
          kind: 'certificate',
          certificate: { san, issuer, logEntryTime: signedAt.toISOString(), signingTimeSource: 'rekor' },
        });
      },
    );

    it.skipIf(unavailable)(
      'verifies a keyless .att layer and takes the signing time from its intoto entry',
      async () => {
        const image = await newImage();
        await pushAttestations(registry.url, repository, image.digest, [
          vulnAttestationLayer({ digest: image.digest, keyless: keyless({ entryKind: 'intoto' }) }),
        ]);

        const { outcomes } = await importImageAttestations(deps, attested(image));

        expect(outcomes).toEqual([expect.objectContaining({ result: 'imported', foundIn: 'cosign-tag' })]);
        const [report] = await listDigestReports(context.db, image.digest);
        expect(report).toMatchObject({ signature_status: 'valid', signer_ref: `${san}|${issuer}` });
        expect(JSON.parse(report?.signature_details ?? '{}')).toMatchObject({
          source: 'cosign-tag',
          certificate: { logEntryTime: signedAt.toISOString() },
        });
      },
    );

    it.skipIf(unavailable)('rejects attestations whose Rekor entry records another signature', async () => {
      const image = await newImage();
      const forged = keyless({ loggedSignature: new Uint8Array(64).fill(7) });
      await pushBundleReferrers(registry.url, repository, image, [
        vulnAttestationBundle({ digest: image.digest, keyless: forged }),
      ]);
      await pushAttestations(registry.url, repository, image.digest, [
        vulnAttestationLayer({ digest: image.digest, keyless: { ...forged, entryKind: 'intoto' } }),
      ]);

      const { outcomes } = await importImageAttestations(deps, attested(image));

      expect(outcomes.map((outcome) => [outcome.foundIn, outcome.result, outcome.reason])).toEqual([
        [
          'cosign-tag',
          'rejected',
          'The Rekor entry is invalid: the Rekor entry records a different signature.',
        ],
        [
          'referrer-bundle',
          'rejected',
          'The Rekor entry is invalid: the Rekor entry records a different signature.',
        ],
      ]);
      expect(await listDigestReports(context.db, image.digest)).toEqual([]);
    });

    it.skipIf(unavailable)('reads both places for one digest and notices a new referrer', async () => {
      const image = await newImage();
      await pushAttestations(registry.url, repository, image.digest, [
        vulnAttestationLayer({ digest: image.digest, key: knownKey }),
      ]);
      const first = await importImageAttestations(deps, attested(image));
      const unchanged = await importImageAttestations(deps, attested(image));

      await pushBundleReferrers(registry.url, repository, image, [
        vulnAttestationBundle({
          digest: image.digest,
          key: knownKey,
          scanFinishedOn: '2024-05-02T10:00:00Z',
        }),
      ]);
      const changed = await importImageAttestations(deps, attested(image));

      expect(first.outcomes.map((outcome) => outcome.foundIn)).toEqual(['cosign-tag']);
      expect(unchanged.skipped).toBe(true);
      expect(changed.skipped).toBe(false);
      expect(changed.outcomes.map((outcome) => [outcome.foundIn, outcome.result])).toEqual([
        ['cosign-tag', 'imported'],
        ['referrer-bundle', 'imported'],
      ]);
      expect(await listDigestReports(context.db, image.digest)).toHaveLength(2);
    });
  },
);
