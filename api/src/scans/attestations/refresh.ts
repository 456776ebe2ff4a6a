import type { Platform } from '../../contract/image.ts';
import { reconcileDigestSummary } from '../store/current-report.ts';
import { importImageAttestations, type AttestationImportDeps, type AttestedImage } from './import.ts';

/** The distinct images of every resolved plugin version, by the digest each version shows. */
export async function listAttestedImages(deps: Pick<AttestationImportDeps, 'db'>): Promise<AttestedImage[]> {
  const rows = await deps.db
    .selectFrom('plugin_versions')
    .select(['image_registry', 'image_repository', 'registered_digest', 'current_digest', 'platforms'])
    .where((eb) => eb.or([eb('registered_digest', 'is not', null), eb('current_digest', 'is not', null)]))
    .orderBy('image_registry')
    .orderBy('image_repository')
    .execute();

  const images = new Map<string, AttestedImage>();
  for (const row of rows) {
    const digest = row.registered_digest ?? row.current_digest;
    if (digest === null || row.image_repository === '') continue;
    const key = `${row.image_registry}/${row.image_repository}@${digest}`;
    if (images.has(key)) continue;
    const platforms = JSON.parse(row.platforms) as Platform[];
    images.set(key, {
      registry: row.image_registry,
      repository: row.image_repository,
      digest,
      platformDigests: platforms.map((platform) => platform.digest),
    });
  }
  return [...images.values()];
}

/**
 * Checks the attestations of every resolved version's image, one image at a time. A failing image is
 * logged and counted, and the others go on. Returns a one-line summary for the job log.
 */
export async function refreshAllAttestations(
  deps: AttestationImportDeps,
  shouldStop: () => boolean = () => false,
): Promise<string> {
  const counts = { images: 0, changed: 0, imported: 0, rejected: 0, resummarised: 0, failed: 0 };
  for (const image of await listAttestedImages(deps)) {
    if (shouldStop()) break;
    counts.images += 1;
    try {
      const { skipped, outcomes } = await importImageAttestations(deps, image);
      // A signer approved, revoked or expired since the last check may change which report comes first.
      if (await reconcileDigestSummary(deps.db, image.digest, deps.now())) counts.resummarised += 1;
      if (skipped) continue;
      counts.changed += 1;
      counts.imported += outcomes.filter((outcome) => outcome.result === 'imported').length;
      counts.rejected += outcomes.filter((outcome) => outcome.result === 'rejected').length;
    } catch (error) {
      counts.failed += 1;
      // Logged here because one image's failure must not stop the others.
      deps.logger.warn(
        { registry: image.registry, repository: image.repository, digest: image.digest, err: error },
        'vulnerability attestation check failed',
      );
    }
  }
  return `checked ${counts.images} images, ${counts.changed} changed, ${counts.imported} reports imported, ${counts.rejected} attestations rejected, ${counts.resummarised} summaries updated, ${counts.failed} failed`;
}
