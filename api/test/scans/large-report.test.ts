import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsPage, ScanReportInfo } from '../../src/contract/scan.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUserAndSignIn, type TestSession } from '../support/session.ts';
import { olderVersion, reportForm, scanPath, startScanAssay, type ScanAssay } from './scan-assay.ts';
import { largeTrivyReport } from './store-harness.ts';

// 25,000 findings with the golden's full descriptions and references make a report of about 60 MB,
// just under the default maximum report size of 64 MiB.
const findingCount = 25_000;

// A page must come back well within this on a loaded two-core machine. Typical times are tens of ms.
const maxPageMs = 1500;

describe.each(engineCases)(
  'a report with tens of thousands of findings on $engine',
  ({ create, unavailable }) => {
    let database: TestDatabase;
    let setup: ScanAssay;
    let admin: TestSession;

    beforeAll(async () => {
      if (unavailable) return;
      database = await create();
      setup = await startScanAssay(database);
      admin = await createUserAndSignIn(setup.assay, 'admin');
    });

    afterAll(async () => {
      await setup?.stop();
      await database?.drop();
    });

    it.skipIf(unavailable)(
      'uploads within the default size bound',
      async () => {
        const response = await admin.fetch(scanPath(olderVersion, '/upload'), {
          method: 'POST',
          body: reportForm(JSON.stringify(largeTrivyReport(findingCount))),
        });
        const report = (await response.json()) as ScanReportInfo;

        expect(response.status).toBe(201);
        expect(report.summary.total).toBe(findingCount);
        expect(report.summary.bySeverity.critical).toBe(findingCount / 5);
      },
      120_000,
    );

    it.each([
      ['the first page', ''],
      ['a severity filter', '?severity=critical&fixable=false'],
      ['a text search', '?q=package-42'],
      ['a sort by package', '?sort=package&page=40'],
      ['a sort by CVSS score', '?sort=cvss&order=asc'],
    ])('serves %s of findings quickly', async (_name, query) => {
      if (unavailable) return;

      const started = performance.now();
      const { status, body } = await setup.assay.getJson<FindingsPage>(
        `${scanPath(olderVersion, '/findings')}${query}`,
      );
      const elapsedMs = performance.now() - started;

      expect(status).toBe(200);
      expect(body.items.length).toBeGreaterThan(0);
      expect(elapsedMs).toBeLessThan(maxPageMs);
    });
  },
);
