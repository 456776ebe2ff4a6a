import type { Kysely, SelectQueryBuilder, Selectable } from 'kysely';
import type { AuditEvent, AuditFacets, AuditFilter, AuditPage, AuditQuery } from '../contract/audit.ts';
import type { AuditEventsTable, Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { withTargetNames } from './target-names.ts';

const defaultPageSize = 50;
// Distinct values offered per filter list; the table keeps growing, the action vocabulary does not.
const maxFacetValues = 200;

type AuditRow = Selectable<AuditEventsTable>;
type AuditSelect = SelectQueryBuilder<Database, 'audit_events', AuditRow>;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Rows are written by recordAuditEvent as JSON; keep a hand-written value readable rather than fail.
    return text;
  }
}

/** Converts a stored audit row to the API's event, parsing `before` and `after` from JSON. */
export function auditEventOf(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? row.actor_id },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: parseJson(row.before),
    after: parseJson(row.after),
    reason: row.reason,
    requestId: row.request_id,
    ip: row.ip,
  };
}

/** Timestamps are stored as `Date.toISOString()` text, so filters must use the same form to compare as text. */
function storedTime(iso: string): string {
  return new Date(iso).toISOString();
}

function applyFilter(query: AuditSelect, filter: AuditFilter): AuditSelect {
  let filtered = query;
  if (filter.actor) filtered = filtered.where('actor_name', '=', filter.actor);
  if (filter.action?.length) filtered = filtered.where('action', 'in', filter.action);
  if (filter.targetType) filtered = filtered.where('target_type', '=', filter.targetType);
  if (filter.targetId) filtered = filtered.where('target_id', '=', filter.targetId);
  if (filter.from) filtered = filtered.where('occurred_at', '>=', storedTime(filter.from));
  if (filter.to) filtered = filtered.where('occurred_at', '<', storedTime(filter.to));
  return filtered;
}

interface Cursor {
  occurredAt: string;
  id: string;
}

function encodeCursor(row: AuditRow): string {
  return Buffer.from(JSON.stringify([row.occurred_at, row.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { occurredAt: value[0] as string, id: value[1] as string };
    }
  } catch {
    // Reported below with the same message as a well-formed but wrong value.
  }
  throw new AppError(
    'invalid-input',
    'Invalid query: cursor is not a value that this API returned as nextCursor.',
    [{ path: 'cursor', message: 'must be the nextCursor of a previous page' }],
  );
}

/** Newest first; events of the same millisecond are ordered by id so that pages never overlap. */
function afterCursor(query: AuditSelect, cursor: Cursor | undefined): AuditSelect {
  if (cursor === undefined) return query;
  return query.where((eb) =>
    eb.or([
      eb('occurred_at', '<', cursor.occurredAt),
      eb.and([eb('occurred_at', '=', cursor.occurredAt), eb('id', '<', cursor.id)]),
    ]),
  );
}

/** Reads one page of audit events, newest first, with keyset pagination. */
export async function listAuditEvents(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? defaultPageSize;
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

  const rows = await afterCursor(applyFilter(db.selectFrom('audit_events').selectAll(), query), cursor)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: await withTargetNames(db, page.map(auditEventOf)),
    ...(rows.length > limit && last !== undefined ? { nextCursor: encodeCursor(last) } : {}),
  };
}

/** Yields every matching event, newest first, in batches, so an export never keeps the whole log in memory. */
export async function* auditEventBatches(
  db: Kysely<Database>,
  filter: AuditFilter,
  batchSize = 500,
): AsyncGenerator<AuditEvent[]> {
  let cursor: Cursor | undefined;
  for (;;) {
    const rows = await afterCursor(applyFilter(db.selectFrom('audit_events').selectAll(), filter), cursor)
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield await withTargetNames(db, rows.map(auditEventOf));
    const last = rows[rows.length - 1]!;
    cursor = { occurredAt: last.occurred_at, id: last.id };
    if (rows.length < batchSize) return;
  }
}

async function distinctValues(
  db: Kysely<Database>,
  column: 'action' | 'target_type' | 'actor_name',
): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(column)
    .distinct()
    .where(column, 'is not', null)
    .orderBy(column)
    .limit(maxFacetValues)
    .execute();
  return rows.map((row) => String(row[column]));
}

/** Lists the actions, target types and actor names that occur in the log, for the filter lists. */
export async function auditFacets(db: Kysely<Database>): Promise<AuditFacets> {
  const [actions, targetTypes, actors] = await Promise.all([
    distinctValues(db, 'action'),
    distinctValues(db, 'target_type'),
    distinctValues(db, 'actor_name'),
  ]);
  return { actions, targetTypes, actors };
}
