import { findVersion } from '../catalog/detail.ts';
import type {
  SignatureCoverage,
  SignatureSubject,
  VersionSignature,
  VersionSignatures,
} from '../contract/signer.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { loadSignerFacts } from './badges.ts';
import { signatureStateOf, trustStateOf, type SignerFacts } from './evaluate.ts';
import { resultOf, type SignatureResultRow, type SyncSubject } from './store.ts';

function coverageOf(subject: SyncSubject, coveredDigest: string): SignatureCoverage {
  if (coveredDigest === subject.digest) return { role: 'image' };
  const platform = subject.platforms.find((entry) => entry.digest === coveredDigest);
  return platform === undefined ? { role: 'index' } : { role: 'platform', platform: platform.platform };
}

function signatureOf(
  row: SignatureResultRow,
  subject: SyncSubject,
  signer: SignerFacts | undefined,
  repository: string,
  now: Date,
): VersionSignature {
  const result = resultOf(row);
  const { state, text } = trustStateOf(result, signer, repository, now);
  // A signature that failed verification names no signer, so it does not read as that signer's work.
  // A digest mismatch is the exception: the signer's key made it, but for another image.
  const shownSigner = result.status === 'valid' || result.reason === 'digest-mismatch' ? signer : undefined;
  return {
    id: row.id,
    ...result,
    state,
    stateText: text,
    ...(shownSigner !== undefined
      ? {
          signer: {
            id: shownSigner.id,
            displayName: shownSigner.displayName,
            status: shownSigner.status,
            kind: shownSigner.kind,
          },
        }
      : {}),
    covers: coverageOf(subject, row.covered_digest),
    verifiedAt: row.verified_at,
  };
}

const coverageOrder = { image: 0, index: 1, platform: 2 } as const;

/**
 * The signatures of a plugin version, grouped by the digest they were looked up for, with each
 * signature's trust computed from the signer table at this moment.
 */
export async function getVersionSignatures(
  context: DatabaseContext,
  name: string,
  versionName: string,
  now: Date,
): Promise<VersionSignatures> {
  const { plugin, version } = await findVersion(context, name, versionName);
  const sync = await context.db
    .selectFrom('signature_syncs')
    .selectAll()
    .where('version_id', '=', version.id)
    .executeTakeFirst();
  const rows = await context.db
    .selectFrom('signature_results')
    .selectAll()
    .where('version_id', '=', version.id)
    .orderBy('position')
    .execute();
  const signers = await loadSignerFacts(context.db);
  const repository = `${version.image_registry}/${version.image_repository}`;

  // Only the digests the version shows now; a lookup for a digest the tag has since left is not shown.
  const stored = sync === undefined ? [] : (JSON.parse(sync.subjects) as SyncSubject[]);
  const shown = stored.filter(
    (subject) =>
      (subject.role === 'current' && subject.digest === version.current_digest) ||
      (subject.role === 'registered' && subject.digest === version.registered_digest),
  );
  const subjects: SignatureSubject[] = shown.map((subject) => {
    const signatures = rows
      .filter((row) => row.subject_digest === subject.digest)
      .map((row) =>
        signatureOf(
          row,
          subject,
          row.signer_ref === null ? undefined : signers.get(row.signer_ref),
          repository,
          now,
        ),
      )
      .sort((a, b) => coverageOrder[a.covers.role] - coverageOrder[b.covers.role]);
    const ownStates = signatures
      .filter((signature) => signature.covers.role === 'image')
      .map((signature) => signature.state);
    return { digest: subject.digest, role: subject.role, state: signatureStateOf(ownStates), signatures };
  });

  const current = subjects.find((subject) => subject.role === 'current');
  let checkStatus: VersionSignatures['check']['status'] = 'checked';
  if (current === undefined) checkStatus = 'not-checked';
  if (sync?.error != null) checkStatus = 'failed';
  return {
    plugin: plugin.id,
    version: version.version,
    state: current?.state ?? 'unsigned',
    check: {
      status: checkStatus,
      ...(sync !== undefined && current !== undefined ? { checkedAt: sync.checked_at } : {}),
      ...(sync?.error != null ? { error: sync.error } : {}),
    },
    subjects,
  };
}
