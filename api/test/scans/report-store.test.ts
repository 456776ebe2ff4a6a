import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedFindingsQuery } from '../../src/contract/scan.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { listDigestReports } from '../../src/scans/store/current-report.ts';
import { queryFindings } from '../../src/scans/store/findings-query.ts';
import { saveScanReport } from '../../src/scans/store/save-report.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { imageDigest, otherDigest } from './fixtures.ts';
import { mergedTrivyReport, openTestContext, parseTrivy } from './store-harness.ts';

const placement = { digest: imageDigest, registryHost: 'registry.test', repository: 'wipp/threshold' };

async function save(
  context: DatabaseContext,
  id: string,
  options: {
    createdAt?: string;
    source?: 'upload' | 'attestation' | 'scanner-api';
    contentKey?: string;
    signatureStatus?: string;
    document?: unknown;
  } = {},
) {
  const parsed = parseTrivy(
    options.document ?? mergedTrivyReport(options.createdAt),
    imageDigest,
    options.source,
  );
  return context.db.transaction().execute((trx) =>
    saveScanReport(
      trx,
      parsed,
      {
        ...placement,
        contentKey: options.contentKey ?? id,
        ...(options.signatureStatus === undefined
          ? {}
          : {
              signature: {
                status: options.signatureStatus,
                reason: 'unknown-key',
                text: 'test',
                details: {},
              },
            }),
      },
      { id, now: new Date('2024-05-02T00:00:00Z') },
    ),
  );
}

interface FindingsCase {
  name: string;
  query: ParsedFindingsQuery;
  ids: string[];
  total?: number;
}

const findingsCases: FindingsCase[] = [
  {
    name: 'orders by severity, highest first',
    query: {},
    ids: ['CVE-2019-18224', 'CVE-2019-14806', 'CVE-2020-28724', 'CVE-2019-18276'],
  },
  {
    name: 'orders by severity, lowest first',
    query: { sort: 'severity', order: 'asc' },
    ids: ['CVE-2019-18276', 'CVE-2020-28724', 'CVE-2019-14806', 'CVE-2019-18224'],
  },
  {
    name: 'orders by CVSS score',
    query: { sort: 'cvss' },
    ids: ['CVE-2019-18224', 'CVE-2019-18276', 'CVE-2019-14806', 'CVE-2020-28724'],
  },
  {
    name: 'orders by vulnerability id',
    query: { sort: 'id' },
    ids: ['CVE-2019-14806', 'CVE-2019-18224', 'CVE-2019-18276', 'CVE-2020-28724'],
  },
  {
    name: 'orders by package ignoring case, then severity',
    query: { sort: 'package' },
    ids: ['CVE-2019-18276', 'CVE-2019-18224', 'CVE-2019-14806', 'CVE-2020-28724'],
  },
  { name: 'filters one severity', query: { severity: ['critical'] }, ids: ['CVE-2019-18224'] },
  {
    name: 'filters several severities',
    query: { severity: ['low', 'medium'] },
    ids: ['CVE-2020-28724', 'CVE-2019-18276'],
  },
  {
    name: 'keeps only fixable findings',
    query: { fixable: true },
    ids: ['CVE-2019-18224', 'CVE-2019-14806', 'CVE-2020-28724'],
  },
  { name: 'keeps only findings without a fix', query: { fixable: false }, ids: ['CVE-2019-18276'] },
  {
    name: 'searches the package, ignoring case',
    query: { q: 'werkzeug' },
    ids: ['CVE-2019-14806', 'CVE-2020-28724'],
  },
  { name: 'searches aliases', query: { q: 'DSA-4613' }, ids: ['CVE-2019-18224'] },
  { name: 'searches titles', query: { q: 'heap-based buffer' }, ids: ['CVE-2019-18224'] },
  { name: 'treats LIKE wildcards as text', query: { q: '%' }, ids: [] },
  {
    name: 'combines filters',
    query: { severity: ['high', 'medium'], fixable: true, q: 'redirect' },
    ids: ['CVE-2020-28724'],
  },
  {
    name: 'pages the result',
    query: { pageSize: 2, page: 2 },
    ids: ['CVE-2020-28724', 'CVE-2019-18276'],
    total: 4,
  },
];

describe.each(engineCases)('scan report store on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let context: DatabaseContext;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ context, handle } = await openTestContext(database));
    await save(context, 'merged', { createdAt: '2024-05-01T00:00:00Z' });
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it.each(findingsCases)('$name', async ({ query, ids, total }) => {
    if (unavailable) return;

    const page = await queryFindings(context.db, 'merged', query);

    expect(page.items.map((finding) => finding.vulnerabilityId)).toEqual(ids);
    expect(page.total).toBe(total ?? ids.length);
  });

  it.skipIf(unavailable)('returns findings with every stored field', async () => {
    const page = await queryFindings(context.db, 'merged', { severity: ['critical'] });

    expect(page.items[0]).toMatchObject({
      vulnerabilityId: 'CVE-2019-18224',
      aliases: ['DSA-4613-1'],
      package: 'libidn2-0',
      installedVersion: '2.0.5-1',
      fixedVersion: '2.0.5-1+deb10u1',
      cvssScore: 9.8,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    expect(page.items[0]?.links[0]).toMatch(/^https:\/\//);
  });

  it.skipIf(unavailable)('stores severity counts with the report', async () => {
    const [row] = await listDigestReports(context.db, imageDigest);

    expect(row).toMatchObject({
      finding_count: 4,
      fixable_count: 3,
      count_critical: 1,
      fixable_critical: 1,
      count_low: 1,
      fixable_low: 0,
      highest_severity: 'critical',
    });
  });

  it.skipIf(unavailable)('replaces a report with the same content key', async () => {
    await save(context, 'first-copy', { contentKey: 'same-file' });
    await save(context, 'second-copy', { contentKey: 'same-file' });

    const ids = (await listDigestReports(context.db, imageDigest)).map((row) => row.id);
    const orphans = await context.db
      .selectFrom('scan_findings')
      .select('report_id')
      .where('report_id', '=', 'first-copy')
      .execute();

    expect(ids).toContain('second-copy');
    expect(ids).not.toContain('first-copy');
    expect(orphans).toEqual([]);
  });

  it.skipIf(unavailable)('shows a verified report before a newer unverified attestation', async () => {
    await save(context, 'unverified-newer', {
      source: 'attestation',
      createdAt: '2024-06-01T00:00:00Z',
      signatureStatus: 'unverifiable',
    });
    await save(context, 'verified-newer', { createdAt: '2024-05-20T00:00:00Z' });

    const ids = (await listDigestReports(context.db, imageDigest)).map((row) => row.id);

    expect(ids[0]).toBe('verified-newer');
    expect(ids.at(-1)).toBe('unverified-newer');
  });

  it.skipIf(unavailable)('summarises the current report of each digest for the catalog', async () => {
    const summary = await context.db
      .selectFrom('scan_digest_summaries')
      .selectAll()
      .where('digest', '=', imageDigest)
      .executeTakeFirstOrThrow();
    const other = await context.db
      .selectFrom('scan_digest_summaries')
      .selectAll()
      .where('digest', '=', otherDigest)
      .execute();

    expect(summary.report_id).toBe('verified-newer');
    expect(summary.count_critical).toBe(1);
    expect(other).toEqual([]);
  });
});
