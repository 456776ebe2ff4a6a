import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import type { DatabaseContext } from '../../src/db/engine.ts';
import { parseScanReport, type ParsedScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import type { ScanSource } from '../../src/contract/scan.ts';
import type { TestDatabase } from '../support/database.ts';
import { fixtureFiles, readFixtureJson } from './fixtures.ts';

/** Opens the test database with migrations applied. */
export async function openTestContext(
  database: TestDatabase,
): Promise<{ context: DatabaseContext; handle: DatabaseHandle }> {
  const handle = await openDatabase(database.target);
  return { context: { db: handle.db, engine: handle.engine }, handle };
}

type TrivyDocument = { Results?: unknown[]; CreatedAt?: string; [key: string]: unknown };

/**
 * Returns the debian-buster and pip Trivy goldens merged into one report: CVE-2019-18224 (libidn2-0, critical,
 * CVSS 9.8, fixed), CVE-2019-18276 (bash, low, CVSS 7.8, no fix), CVE-2019-14806 (Werkzeug, high, 7.5,
 * fixed) and CVE-2020-28724 (Werkzeug, medium, 6.1, fixed).
 */
export function mergedTrivyReport(createdAt?: string): TrivyDocument {
  const debian = readFixtureJson(fixtureFiles.debianBuster) as TrivyDocument;
  const pip = readFixtureJson(fixtureFiles.pip) as TrivyDocument;
  return {
    ...debian,
    ...(createdAt === undefined ? {} : { CreatedAt: createdAt }),
    Results: [...(debian.Results ?? []), ...(pip.Results ?? [])],
  };
}

/** Parses a Trivy document for `digest` with the default limits raised for large synthetic reports. */
export function parseTrivy(
  document: unknown,
  digest: string,
  source: ScanSource = 'upload',
): ParsedScanReport {
  return parseScanReport(JSON.stringify(document), {
    digest,
    source,
    maxBytes: 256 * 1024 * 1024,
    maxFindings: 200_000,
  });
}

const severityNames = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNKNOWN'] as const;

/**
 * Returns a Trivy report with `count` findings built from the debian-buster golden's entries: each gets its
 * own package name and id, the severities cycle, and every third has no fixed version.
 */
export function largeTrivyReport(count: number): TrivyDocument {
  const debian = readFixtureJson(fixtureFiles.debianBuster) as TrivyDocument;
  const [result] = (debian.Results ?? []) as Array<{ Vulnerabilities: Array<Record<string, unknown>> }>;
  const template = result?.Vulnerabilities[1] ?? {};
  const vulnerabilities = Array.from({ length: count }, (_, index) => {
    const vulnerability: Record<string, unknown> = {
      ...template,
      VulnerabilityID: `CVE-2024-${String(10000 + index)}`,
      PkgName: `package-${index % 500}`,
      InstalledVersion: `1.${index}`,
      Severity: severityNames[index % severityNames.length],
    };
    if (index % 3 === 0) delete vulnerability.FixedVersion;
    return vulnerability;
  });
  return { ...debian, Results: [{ ...result, Vulnerabilities: vulnerabilities }] };
}
