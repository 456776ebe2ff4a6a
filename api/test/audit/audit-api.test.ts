import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent } from '../../src/audit/record.ts';
import type { AuditEvent, AuditFacets, AuditPage } from '../../src/contract/audit.ts';
import { startTestAssay, type TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';

const alice = { id: 'user-alice', name: 'alice' };
const bob = { id: 'user-bob', name: 'bob' };
const base = Date.parse('2026-02-01T10:00:00Z');
const minute = 60_000;

// Cells a spreadsheet would run as formulas if they were written as they are.
const hostileReasons = ['=HYPERLINK("https://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tTab'];

describe.each(engineCases)('audit log API on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let reviewer: TestSession;

  async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await admin.fetch(path);
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin', { username: 'auditor' });
    reviewer = await createUserAndSignIn(assay, 'reviewer');
    const { db } = assay.server.database;
    // Twelve events a minute apart, then the hostile ones; all in February 2026.
    for (let index = 0; index < 12; index += 1) {
      await recordAuditEvent(
        db,
        {
          actor: index % 2 === 0 ? alice : bob,
          action: index % 3 === 0 ? 'signer.approve' : 'review.hide',
          targetType: index % 3 === 0 ? 'signer' : 'review',
          targetId: `target-${index}`,
          before: { state: 'before', index },
          after: { state: 'after', index },
          reason: `reason ${index}, with "quotes"\nand a second line`,
        },
        new Date(base + index * minute),
      );
    }
    for (const [index, reason] of hostileReasons.entries()) {
      await recordAuditEvent(
        db,
        {
          actor: null,
          action: 'auth.failure-burst',
          targetType: 'address',
          targetId: `=cmd|${index}`,
          reason,
        },
        new Date(base + (20 + index) * minute),
      );
    }
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('lists events newest first', async () => {
    const response = await getJson<AuditPage>(
      '/api/v1/audit-events?action=signer.approve&action=review.hide',
    );

    expect(response.status).toBe(200);
    expect(response.body.items.map((event) => event.targetId)).toEqual(
      Array.from({ length: 12 }, (_, index) => `target-${11 - index}`),
    );
    expect(response.body.items[0]).toMatchObject({
      actor: bob,
      before: { state: 'before', index: 11 },
      after: { state: 'after', index: 11 },
    });
  });

  it.skipIf(unavailable).each([
    { name: 'actor', query: 'actor=alice', expected: [10, 8, 6, 4, 2, 0] },
    { name: 'action', query: 'action=signer.approve', expected: [9, 6, 3, 0] },
    { name: 'target type', query: 'targetType=review', expected: [11, 10, 8, 7, 5, 4, 2, 1] },
    { name: 'target id', query: 'targetId=target-4', expected: [4] },
    {
      name: 'start time',
      query: `from=${new Date(base + 9 * minute).toISOString()}&action=review.hide&action=signer.approve`,
      expected: [11, 10, 9],
    },
    {
      name: 'time range',
      query: `from=${new Date(base + 3 * minute).toISOString()}&to=${new Date(base + 6 * minute).toISOString()}`,
      expected: [5, 4, 3],
    },
    { name: 'actor and action', query: 'actor=bob&action=signer.approve', expected: [9, 3] },
  ])('filters by $name', async ({ query, expected }) => {
    // The hostile events of the setup come later than every event these cases expect.
    const end = query.includes('to=') ? '' : '&to=2026-02-01T10:15:00Z';
    const response = await getJson<AuditPage>(`/api/v1/audit-events?${query}${end}`);

    expect(response.body.items.map((event) => event.targetId)).toEqual(
      expected.map((index) => `target-${index}`),
    );
  });

  it.skipIf(unavailable)('pages with a cursor without gaps or overlaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await getJson<AuditPage>(
        `/api/v1/audit-events?limit=5&to=2026-02-01T10:15:00Z${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...response.body.items.map((event) => event.targetId));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, index) => `target-${11 - index}`));
  });

  it.skipIf(unavailable).each([
    { query: 'limit=0', path: 'limit' },
    { query: 'limit=201', path: 'limit' },
    { query: 'from=yesterday', path: 'from' },
    { query: 'cursor=not-a-cursor', path: 'cursor' },
  ])('rejects the query $query', async ({ query, path }) => {
    const response = await getJson<{ error: { code: string; details: Array<{ path: string }> } }>(
      `/api/v1/audit-events?${query}`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toBe(path);
  });

  it.skipIf(unavailable)('offers the actions, target types and actors as filter values', async () => {
    const response = await getJson<AuditFacets>('/api/v1/audit-events/facets');

    expect(response.body.actions).toEqual(
      expect.arrayContaining(['auth.failure-burst', 'review.hide', 'signer.approve']),
    );
    expect(response.body.targetTypes).toEqual(expect.arrayContaining(['address', 'review', 'signer']));
    expect(response.body.actors).toEqual(expect.arrayContaining(['alice', 'bob']));
  });

  it
    .skipIf(unavailable)
    .each(['/api/v1/audit-events', '/api/v1/audit-events/facets', '/api/v1/audit-events/export?format=csv'])(
    'rejects %s for reviewers and visitors',
    async (path) => {
      const asReviewer = await reviewer.fetch(path);
      const asVisitor = await fetch(`${assay.url}${path}`);

      expect(asReviewer.status).toBe(403);
      expect(asVisitor.status).toBe(401);
    },
  );

  it.skipIf(unavailable)('exports RFC 4180 CSV that parses back to the events', async () => {
    const response = await admin.fetch('/api/v1/audit-events/export?format=csv&to=2026-02-01T10:15:00Z');
    const text = await response.text();
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="assay-audit-.*\.csv"$/,
    );
    expect(text.split('\r\n')[0]).toBe(
      'id,occurred_at,actor_id,actor_name,action,target_type,target_id,target_name,reason,before,after,request_id,ip',
    );
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      actor_name: 'bob',
      target_id: 'target-11',
      reason: 'reason 11, with "quotes"\nand a second line',
    });
    expect(JSON.parse(rows[0]?.after ?? '')).toEqual({ state: 'after', index: 11 });
  });

  it.skipIf(unavailable)('neutralises spreadsheet formulas in exported cells', async () => {
    const response = await admin.fetch('/api/v1/audit-events/export?format=csv&action=auth.failure-burst');
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;

    expect(rows.map((row) => row.reason).sort()).toEqual(hostileReasons.map((reason) => `'${reason}`).sort());
    for (const row of rows) expect(row.target_id).toMatch(/^'=cmd\|/);
  });

  it.skipIf(unavailable)('exports JSON that equals the listed events', async () => {
    const listed = await getJson<AuditPage>('/api/v1/audit-events?limit=200&to=2026-02-01T10:30:00Z');
    const response = await admin.fetch('/api/v1/audit-events/export?format=json&to=2026-02-01T10:30:00Z');
    const exported = (await response.json()) as AuditEvent[];

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(exported).toEqual(listed.body.items);
    expect(exported).toHaveLength(17);
  });

  it.skipIf(unavailable)('exports an empty JSON array when nothing matches', async () => {
    const response = await admin.fetch('/api/v1/audit-events/export?format=json&actor=nobody');

    expect(await response.json()).toEqual([]);
  });

  it.skipIf(unavailable)('audits each export with its filters', async () => {
    await admin.fetch('/api/v1/audit-events/export?format=json&actor=alice');

    const response = await getJson<AuditPage>('/api/v1/audit-events?action=audit.export&actor=auditor');

    expect(response.body.items[0]).toMatchObject({
      actor: { name: 'auditor' },
      targetType: 'audit-log',
      targetId: 'json',
      after: { actor: 'alice' },
    });
  });

  it.skipIf(unavailable)('rejects an unknown export format', async () => {
    const response = await admin.fetch('/api/v1/audit-events/export?format=xlsx');

    expect(response.status).toBe(400);
  });
});

describe.each(engineCases)('audit log immutability on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let admin: TestSession;
  let eventId: string;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({ database });
    admin = await createUserAndSignIn(assay, 'admin');
    eventId = await recordAuditEvent(assay.server.database.db, {
      actor: alice,
      action: 'signer.revoke',
      targetType: 'signer',
      targetId: 'signer-1',
      reason: 'original',
    });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('has no route that changes or deletes an event', () => {
    const stack = (assay.server.app as unknown as { router: { stack: Layer[] } }).router.stack;
    const routes = routesOf(stack).filter((route) => route.path.startsWith('/audit-events'));

    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => route.method !== 'get')).toEqual([]);
  });

  it.skipIf(unavailable).each(['PUT', 'PATCH', 'DELETE', 'POST'])(
    'answers %s on an event with 404',
    async (method) => {
      const response = await admin.fetch(`/api/v1/audit-events/${eventId}`, {
        method,
        body: JSON.stringify({ reason: 'rewritten' }),
      });

      expect(response.status).toBe(404);
    },
  );

  it.skipIf(unavailable).each([
    {
      name: 'UPDATE',
      statement: () => sql`UPDATE audit_events SET reason = 'rewritten' WHERE id = ${eventId}`,
    },
    { name: 'DELETE', statement: () => sql`DELETE FROM audit_events WHERE id = ${eventId}` },
  ])('makes the database reject $name', async ({ statement }) => {
    await expect(statement().execute(assay.server.database.db)).rejects.toThrow(/append-only/);

    const row = await assay.server.database.db
      .selectFrom('audit_events')
      .select('reason')
      .where('id', '=', eventId)
      .executeTakeFirst();
    expect(row?.reason).toBe('original');
  });
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

function routesOf(stack: Layer[]): Array<{ method: string; path: string }> {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const { path, methods } = layer.route;
      return Object.keys(methods)
        .filter((method) => methods[method])
        .map((method) => ({ method, path }));
    }
    return layer.handle.stack ? routesOf(layer.handle.stack) : [];
  });
}
