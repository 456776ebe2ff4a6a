import { sql, type Kysely } from 'kysely';
import type { SignatureReason, SignatureStatus } from '../contract/signature.ts';
import type {
  SignedImage,
  Signer,
  SignerDetail,
  SignerHistoryAction,
  SignerHistoryEntry,
  SignerListPage,
  SignerListQuery,
} from '../contract/signer.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { trustStateOf } from './evaluate.ts';
import { signerFactsOf, signerOf, type SignerRow } from './rows.ts';

const defaultPageSize = 50;
const maxSignedImages = 200;

/** Distinct covered digests per signer reference. */
async function imageCounts(db: Kysely<Database>, refs: string[]): Promise<Map<string, number>> {
  if (refs.length === 0) return new Map();
  const rows = await db
    .selectFrom('signature_results')
    .select(['signer_ref', (eb) => eb.fn.count<number>('covered_digest').distinct().as('count')])
    .where('signer_ref', 'in', refs)
    .groupBy('signer_ref')
    .execute();
  return new Map(rows.map((row) => [row.signer_ref ?? '', Number(row.count)]));
}

/** Builds a LIKE pattern that matches `text` literally as a substring; `\` escapes the wildcards. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Lists signers with filters, pending ones first, then by display name. */
export async function listSigners(
  db: Kysely<Database>,
  query: SignerListQuery,
  options: { includeActor: boolean; now: Date },
): Promise<SignerListPage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  let filtered = db.selectFrom('signers');
  if (query.status?.length) filtered = filtered.where('status', 'in', query.status);
  if (query.kind?.length) filtered = filtered.where('kind', 'in', query.kind);
  const q = query.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    filtered = filtered.where((eb) =>
      eb.or([
        sql<boolean>`lower(display_name) LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`lower(signer_ref) LIKE ${pattern} ESCAPE '\\'`,
      ]),
    );
  }

  const [rows, total, counts] = await Promise.all([
    filtered
      .selectAll()
      .orderBy(sql`CASE status WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END`)
      .orderBy('display_name')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    db
      .selectFrom('signers')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('status')
      .execute(),
  ]);
  const images = await imageCounts(
    db,
    rows.map((row) => row.signer_ref),
  );
  const statusCounts = { pending: 0, approved: 0, revoked: 0 };
  for (const row of counts) statusCounts[row.status] = Number(row.count);

  return {
    items: rows.map((row) => signerOf(row, { ...options, imageCount: images.get(row.signer_ref) ?? 0 })),
    total: Number(total.count),
    page,
    pageSize,
    statusCounts,
  };
}

export async function getSignerRow(db: Kysely<Database>, id: string): Promise<SignerRow> {
  const row = await db.selectFrom('signers').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new AppError('not-found', `No signer with id "${id}".`);
  return row;
}

/** Builds the API view of one signer row, with its image count. */
export async function signerView(
  db: Kysely<Database>,
  row: SignerRow,
  options: { includeActor: boolean; now: Date },
): Promise<Signer> {
  const images = await imageCounts(db, [row.signer_ref]);
  return signerOf(row, { ...options, imageCount: images.get(row.signer_ref) ?? 0 });
}

const historyActions: Record<string, SignerHistoryAction> = {
  'signer.create': 'created',
  'signer.discover': 'discovered',
  'signer.approve': 'approved',
  'signer.revoke': 'revoked',
  'signer.update': 'updated',
};

/** Fields that differ between two audit snapshots; every field of `after` for a creation. */
function changesOf(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...fields]
    .filter((field) => JSON.stringify(before?.[field] ?? null) !== JSON.stringify(after?.[field] ?? null))
    .map((field) => ({ field, from: before?.[field] ?? null, to: after?.[field] ?? null }));
}

async function signerHistory(
  db: Kysely<Database>,
  id: string,
  includeActor: boolean,
): Promise<SignerHistoryEntry[]> {
  const events = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('target_type', '=', 'signer')
    .where('target_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return events.flatMap((event) => {
    const action = historyActions[event.action];
    if (action === undefined) return [];
    const before = event.before === null ? null : (JSON.parse(event.before) as Record<string, unknown>);
    const after = event.after === null ? null : (JSON.parse(event.after) as Record<string, unknown>);
    return [
      {
        at: event.occurred_at,
        action,
        ...(includeActor && event.actor_name !== null ? { actor: event.actor_name } : {}),
        bySystem: event.actor_id === null,
        ...(event.reason !== null ? { reason: event.reason } : {}),
        changes: changesOf(before, after),
      },
    ];
  });
}

/** Vulnerability attestations the signer signed, on the digest each version shows. */
function attestationResults(db: Kysely<Database>, row: SignerRow) {
  return db
    .selectFrom('scan_reports as s')
    .innerJoin('plugin_versions as v', (join) =>
      join.on(sql<boolean>`s.digest = coalesce(v.registered_digest, v.current_digest)`),
    )
    .innerJoin('plugins as p', 'p.id', 'v.plugin_id')
    .select([
      'p.id as plugin',
      'p.title as plugin_title',
      'v.version',
      'v.sort_key',
      'v.image_registry',
      'v.image_repository',
      's.digest as covered_digest',
      's.signature_status as status',
      's.signature_reason as reason',
    ])
    .where('s.signer_ref', '=', row.signer_ref)
    .where('s.source', '=', 'attestation')
    .orderBy('p.id')
    .orderBy('v.sort_key', 'desc')
    .limit(maxSignedImages * 4)
    .execute();
}

async function signedImages(db: Kysely<Database>, row: SignerRow, now: Date) {
  const attestations = await attestationResults(db, row);
  const results = await db
    .selectFrom('signature_results as r')
    .innerJoin('plugin_versions as v', 'v.id', 'r.version_id')
    .innerJoin('plugins as p', 'p.id', 'v.plugin_id')
    .select([
      'p.id as plugin',
      'p.title as plugin_title',
      'v.version',
      'v.sort_key',
      'v.image_registry',
      'v.image_repository',
      'r.covered_digest',
      'r.status',
      'r.reason',
    ])
    .where('r.signer_ref', '=', row.signer_ref)
    .orderBy('p.id')
    .orderBy('v.sort_key', 'desc')
    .orderBy('r.covered_digest')
    .limit(maxSignedImages * 4)
    .execute();

  const facts = signerFactsOf(row);
  const seen = new Set<string>();
  const images: SignedImage[] = [];
  // Attestations are listed too, because an approval scope must cover them for their scans to count.
  const entries = [
    ...results.map((result) => ({ ...result, kind: 'signature' as const })),
    ...attestations.map((result) => ({ ...result, kind: 'attestation' as const })),
  ];
  for (const result of entries) {
    const key = `${result.kind}\n${result.plugin}\n${result.version}\n${result.covered_digest}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const repository = `${result.image_registry}/${result.image_repository}`;
    const { state } = trustStateOf(
      { status: result.status as SignatureStatus, reason: result.reason as SignatureReason },
      facts,
      repository,
      now,
    );
    images.push({
      plugin: result.plugin,
      pluginTitle: result.plugin_title,
      version: result.version,
      repository,
      digest: result.covered_digest,
      state,
      reason: result.reason as SignatureReason,
      ...(result.kind === 'attestation' ? { kind: 'attestation' as const } : {}),
    });
  }
  return {
    images: images.slice(0, maxSignedImages),
    truncated:
      images.length > maxSignedImages ||
      results.length === maxSignedImages * 4 ||
      attestations.length === maxSignedImages * 4,
  };
}

/** Loads a signer with its status history from the audit log and the images carrying its signatures. */
export async function getSignerDetail(
  db: Kysely<Database>,
  id: string,
  options: { includeActor: boolean; now: Date },
): Promise<SignerDetail> {
  const row = await getSignerRow(db, id);
  const [signer, history, images] = await Promise.all([
    signerView(db, row, options),
    signerHistory(db, id, options.includeActor),
    signedImages(db, row, options.now),
  ]);
  return { signer, history, images: images.images, imagesTruncated: images.truncated };
}
