import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { RegistryDirectory } from '../../src/registry/directory.ts';
import { createHttpRegistrySource } from '../../src/registry/http-source.ts';
import { importImageAttestations, type AttestationImportDeps } from '../../src/scans/attestations/import.ts';
import { listDigestReports } from '../../src/scans/store/current-report.ts';
import { buildSignatureTrust } from '../../src/signatures/index.ts';
import { generateSigningKey } from '../support/cosign/index.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { pushImage, pushIndex, startRegistry, type TestRegistry } from '../support/registry/index.ts';
import { closedPortUrl } from '../support/scanner/stand-in-scanner.ts';
import { attestationImportDeps, pushAttestations, vulnAttestationLayer } from './attestation-harness.ts';
import { fixtureFiles, otherDigest, readFixtureJson } from './fixtures.ts';
import { openTestContext } from './store-harness.ts';

const knownKey = generateSigningKey();
const unknownKey = generateSigningKey();
const trust = buildSignatureTrust({
  keys: [knownKey.publicKeyPem],
  identities: [],
  certificateAuthorities: [],
  rekorKeys: [],
});

describe.each(engineCases)(
  'vulnerability attestations from a registry on $engine',
  ({ create, unavailable }) => {
    let database: TestDatabase;
    let handle: DatabaseHandle;
    let context: DatabaseContext;
    let registry: TestRegistry;
    let deps: AttestationImportDeps;
    let imageDigest: string;
    const repository = 'wipp/threshold';

    beforeAll(async () => {
      if (unavailable) return;
      database = await create();
      ({ context, handle } = await openTestContext(database));
      registry = await startRegistry();
      imageDigest = (await pushImage(registry.url, repository, '1.0.0', { content: 'attested image' }))
        .digest;
      deps = attestationImportDeps(context.db, registry, trust);
    });

    afterAll(async () => {
      await registry?.stop();
      await handle?.close();
      await database?.drop();
    });

    const image = () => ({ registry: registry.host, repository, digest: imageDigest, platformDigests: [] });

    it.skipIf(unavailable)('imports, ignores and rejects the layers of a .att tag', async () => {
      await pushAttestations(registry.url, repository, imageDigest, [
        vulnAttestationLayer({ digest: imageDigest, key: knownKey }),
        vulnAttestationLayer({
          digest: imageDigest,
          key: knownKey,
          predicateType: 'https://spdx.dev/Document',
        }),
        vulnAttestationLayer({ digest: imageDigest, key: knownKey, subjectDigest: otherDigest }),
        vulnAttestationLayer({ digest: imageDigest, key: unknownKey, subjectDigest: otherDigest }),
        vulnAttestationLayer({
          digest: imageDigest,
          key: unknownKey,
          scanFinishedOn: '2024-05-02T10:00:00Z',
        }),
      ]);

      const { outcomes } = await importImageAttestations(deps, image());

      expect(outcomes.map((outcome) => outcome.result)).toEqual([
        'imported',
        'ignored',
        'rejected',
        'rejected',
        'imported',
      ]);
      expect(outcomes[1]?.reason).toContain('https://spdx.dev/Document');
      expect(outcomes[2]?.reason).toBe(
        `The signature is for ${otherDigest}, not for the image digest ${imageDigest}.`,
      );
      expect(outcomes[3]?.reason).toContain(otherDigest);
    });

    it.skipIf(unavailable)('stores accepted attestations with their signature check', async () => {
      const reports = await listDigestReports(context.db, imageDigest);

      expect(reports.map((report) => [report.signature_status, report.signature_reason])).toEqual([
        ['valid', 'ok'],
        ['unverifiable', 'unknown-key'],
      ]);
      expect(reports[0]).toMatchObject({
        source: 'attestation',
        format: 'cosign-vuln',
        signer_ref: knownKey.fingerprint,
        scanner_version: '0.50.1',
        database_version: 'v2-2024050106',
        generated_at: '2024-05-01T10:00:00.000Z',
        finding_count: 2,
        count_critical: 1,
      });
    });

    it.skipIf(unavailable)('skips a digest whose .att tag did not change', async () => {
      const { skipped } = await importImageAttestations(deps, image());

      expect(skipped).toBe(true);
    });

    it.skipIf(unavailable)('removes the report of an attestation that left the registry', async () => {
      await pushAttestations(registry.url, repository, imageDigest, [
        vulnAttestationLayer({
          digest: imageDigest,
          key: knownKey,
          report: readFixtureJson(fixtureFiles.pip),
        }),
      ]);

      await importImageAttestations(deps, image());

      const reports = await listDigestReports(context.db, imageDigest);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ signature_status: 'valid', count_high: 1, count_critical: 0 });
    });

    it.skipIf(unavailable)(
      'reads attestations of a platform manifest and records which one was scanned',
      async () => {
        const index = await pushIndex(registry.url, 'wipp/multi', '2.0.0', { content: 'multi attested' });
        const [amd64] = index.platforms;
        const platformDigest = amd64?.manifest.descriptor.digest ?? '';
        await pushAttestations(registry.url, 'wipp/multi', platformDigest, [
          vulnAttestationLayer({ digest: platformDigest, key: knownKey }),
        ]);

        await importImageAttestations(deps, {
          registry: registry.host,
          repository: 'wipp/multi',
          digest: index.digest,
          platformDigests: index.platforms.map((platform) => platform.manifest.descriptor.digest),
        });

        const [report] = await listDigestReports(context.db, index.digest);
        expect(report).toMatchObject({
          digest: index.digest,
          scanned_digest: platformDigest,
          signature_status: 'valid',
        });
      },
    );

    it.skipIf(unavailable)('keeps stored reports when the registry is down', async () => {
      const down = {
        ...deps,
        directory: new RegistryDirectory([
          createHttpRegistrySource({ host: registry.host, url: await closedPortUrl(), timeoutMs: 2000 }),
        ]),
      };

      await expect(importImageAttestations(down, image(), { force: true })).rejects.toThrow(
        /could not|refused|reach/i,
      );
      expect(await listDigestReports(context.db, imageDigest)).toHaveLength(1);
    });
  },
);
