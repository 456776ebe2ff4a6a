import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import { createDatabaseDigestCache } from '../catalog/digest-cache.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { PluginVersionsTable, SignatureSyncsTable } from '../db/schema.ts';
import type { RegistryDirectory } from '../registry/directory.ts';
import { RegistryError, type RegistrySource } from '../registry/types.ts';
import { discoverSignaturesForImage, type SignatureLimits } from '../signatures/index.ts';
import { refreshSignatureStates } from './badges.ts';
import { cachedRegistrySource } from './cached-source.ts';
import { reverifyStoredEntries } from './reverify.ts';
import { replaceVersionResults, type SyncSubject } from './store.ts';
import { sameSubjects, subjectsOf } from './subjects.ts';
import { rootsPartOf, type TrustProvider } from './signer-trust.ts';
import { verifyAndRecordSigners, type FoundEntry } from './verify-entries.ts';

export interface SignatureSyncDeps {
  context: DatabaseContext;
  directory: RegistryDirectory;
  logger: Logger;
  trust: TrustProvider;
  limits: SignatureLimits;
  /** How long a lookup is reused before the registry is asked again for new signatures. */
  ttlMs: number;
  now?: () => Date;
}

export type SyncOutcome = 'looked-up' | 'reverified' | 'unchanged' | 'failed' | 'skipped';

type VersionRow = Pick<
  Selectable<PluginVersionsTable>,
  'id' | 'image_registry' | 'image_repository' | 'registered_digest' | 'current_digest' | 'platforms'
>;
type SyncRow = Selectable<SignatureSyncsTable>;

async function discoverSubjects(
  source: RegistrySource,
  repository: string,
  subjects: SyncSubject[],
  limits: SignatureLimits,
): Promise<FoundEntry[]> {
  const found: FoundEntry[] = [];
  for (const subject of subjects) {
    const platformDigests = subject.platforms.map((platform) => platform.digest);
    const discovery = await discoverSignaturesForImage(
      source,
      repository,
      subject.digest,
      platformDigests,
      limits,
    );
    for (const result of discovery.problems)
      found.push({ subjectDigest: subject.digest, result, candidate: undefined });
    for (const candidate of discovery.candidates) found.push({ subjectDigest: subject.digest, candidate });
  }
  return found;
}

async function recordFailure(
  deps: SignatureSyncDeps,
  version: VersionRow,
  previous: SyncRow | undefined,
  message: string,
  now: Date,
) {
  // The last results stay, so an outage does not make a signed image look unsigned.
  const row = {
    version_id: version.id,
    subjects: previous?.subjects ?? '[]',
    trust_fingerprint: previous?.trust_fingerprint ?? '',
    checked_at: previous?.checked_at ?? now.toISOString(),
    error: message,
  };
  await deps.context.db
    .insertInto('signature_syncs')
    .values(row)
    .onConflict((conflict) => conflict.column('version_id').doUpdateSet({ error: message }))
    .execute();
}

/**
 * Looks up and verifies the signatures of one version, unless the last lookup covered the same digests
 * within the TTL. Then only a changed signer set or trust root makes it verify the stored entries
 * again, without the registry. A registry failure is recorded on the version and logged instead of
 * thrown, while other errors propagate.
 */
export async function syncVersionSignatures(
  deps: SignatureSyncDeps,
  version: VersionRow,
  previous: SyncRow | undefined,
  options: { force: boolean },
): Promise<SyncOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const source = version.image_registry === '' ? undefined : deps.directory.find(version.image_registry);
  if (source === undefined || version.current_digest === null) return 'skipped';
  const repository = `${version.image_registry}/${version.image_repository}`;
  const cached = cachedRegistrySource(source, createDatabaseDigestCache(deps.context, source.host));

  try {
    const subjects = await subjectsOf(version, cached);
    const previousSubjects =
      previous === undefined ? undefined : (JSON.parse(previous.subjects) as SyncSubject[]);
    const fresh =
      previous !== undefined &&
      previous.error === null &&
      now.getTime() - Date.parse(previous.checked_at) < deps.ttlMs;
    if (
      !options.force &&
      fresh &&
      previousSubjects !== undefined &&
      sameSubjects(subjects, previousSubjects)
    ) {
      const { fingerprint } = await deps.trust.current(deps.context.db);
      if (fingerprint === previous.trust_fingerprint) return 'unchanged';
      const reverified = await reverifyStoredEntries(deps, version.id, repository, now, {
        rootsChanged: rootsPartOf(fingerprint) !== rootsPartOf(previous.trust_fingerprint),
      });
      return reverified ? 'reverified' : 'unchanged';
    }

    const found = await discoverSubjects(cached, version.image_repository, subjects, deps.limits);
    const { entries, fingerprint } = await verifyAndRecordSigners(deps, found, repository, now);
    await deps.context.db.transaction().execute(async (trx) => {
      await replaceVersionResults(trx, version.id, subjects, entries, fingerprint, now);
    });
    return 'looked-up';
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    deps.logger.warn(
      {
        registry: source.host,
        repository: version.image_repository,
        digest: version.current_digest,
        kind: error.kind,
        err: error,
      },
      'signature lookup failed',
    );
    await recordFailure(deps, version, previous, `Signatures could not be read: ${error.message}`, now);
    return 'failed';
  }
}

/**
 * Runs the signature step after image resolution: every version is looked up or verified again as
 * needed, a few at a time, then every plugin's catalog badge is recomputed. One failing image never
 * stops the others.
 */
export async function syncAllSignatures(
  deps: SignatureSyncDeps,
  options: { force: boolean; concurrency?: number },
) {
  const { db } = deps.context;
  const versions = await db
    .selectFrom('plugin_versions')
    .select(['id', 'image_registry', 'image_repository', 'registered_digest', 'current_digest', 'platforms'])
    .orderBy('id')
    .execute();
  const previous = new Map(
    (await db.selectFrom('signature_syncs').selectAll().execute()).map((row) => [row.version_id, row]),
  );
  const counts: Record<SyncOutcome, number> = {
    'looked-up': 0,
    reverified: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
  };
  let next = 0;

  async function worker() {
    while (next < versions.length) {
      const version = versions[next++] as VersionRow;
      counts[await syncVersionSignatures(deps, version, previous.get(version.id), options)] += 1;
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));

  const now = (deps.now ?? (() => new Date()))();
  await db.transaction().execute((trx) => refreshSignatureStates(trx, now));
  return counts;
}

/**
 * Looks up the signatures of one version now and recomputes the catalog badges, as the refresh job
 * does for every version. Runs after an import or an admin's image refresh, so that version's page
 * does not wait for the next background refresh.
 */
export async function syncOneVersionSignatures(
  deps: SignatureSyncDeps,
  versionId: string,
  options: { force: boolean },
): Promise<SyncOutcome> {
  const { db } = deps.context;
  const version = await db
    .selectFrom('plugin_versions')
    .select(['id', 'image_registry', 'image_repository', 'registered_digest', 'current_digest', 'platforms'])
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (version === undefined) return 'skipped';
  const previous = await db
    .selectFrom('signature_syncs')
    .selectAll()
    .where('version_id', '=', versionId)
    .executeTakeFirst();

  const outcome = await syncVersionSignatures(deps, version, previous, options);

  const now = (deps.now ?? (() => new Date()))();
  await db.transaction().execute((trx) => refreshSignatureStates(trx, now));
  return outcome;
}
