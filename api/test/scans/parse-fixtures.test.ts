import { describe, expect, it } from 'vitest';
import {
  scanReportSchema,
  type Finding,
  type ScanReportFormat,
  type Severity,
} from '../../src/contract/scan.ts';
import { parseScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import { summariseFindings } from '../../src/scans/summary.ts';
import { fixtureFiles, imageDigest, limits, readFixture } from './fixtures.ts';

interface FixtureExpectation {
  file: string;
  format: ScanReportFormat;
  scannerName: string;
  scannerVendor: string | undefined;
  scannerVersion: string | undefined;
  generatedAt: string | undefined;
  total: number;
  bySeverity: Partial<Record<Severity, number>>;
  fixable: number;
  maxCvss: number | undefined;
  ids: string[];
  warningPaths: string[];
}

const expectations: FixtureExpectation[] = [
  {
    file: fixtureFiles.debianBuster,
    format: 'trivy',
    scannerName: 'Trivy',
    scannerVendor: undefined,
    scannerVersion: 'dev',
    generatedAt: '2021-08-25T12:20:30.000Z',
    total: 2,
    bySeverity: { low: 1, critical: 1 },
    fixable: 1,
    maxCvss: 9.8,
    ids: ['CVE-2019-18276', 'CVE-2019-18224'],
    warningPaths: [],
  },
  {
    file: fixtureFiles.pip,
    format: 'trivy',
    scannerName: 'Trivy',
    scannerVendor: undefined,
    scannerVersion: 'dev',
    generatedAt: '2021-08-25T12:20:30.000Z',
    total: 2,
    bySeverity: { high: 1, medium: 1 },
    fixable: 2,
    maxCvss: 7.5,
    ids: ['CVE-2019-14806', 'CVE-2020-28724'],
    warningPaths: [],
  },
  {
    file: fixtureFiles.legacyMix,
    format: 'trivy-legacy',
    scannerName: 'Trivy',
    scannerVendor: undefined,
    scannerVersion: undefined,
    generatedAt: undefined,
    total: 6,
    bySeverity: { high: 6 },
    fixable: 6,
    maxCvss: undefined,
    ids: [
      'CVE-2018-16487',
      'CVE-2018-16840',
      'CVE-2019-3822',
      'CVE-2018-16839',
      'CVE-2018-19486',
      'CVE-2018-17456',
    ],
    warningPaths: ['$[0].Vulnerabilities[0]'],
  },
  {
    file: fixtureFiles.legacyNull,
    format: 'trivy-legacy',
    scannerName: 'Trivy',
    scannerVendor: undefined,
    scannerVersion: undefined,
    generatedAt: undefined,
    total: 0,
    bySeverity: {},
    fixable: 0,
    maxCvss: undefined,
    ids: [],
    warningPaths: [],
  },
  {
    file: fixtureFiles.schema2NoVulnerabilities,
    format: 'trivy',
    scannerName: 'Trivy',
    scannerVendor: undefined,
    scannerVersion: undefined,
    generatedAt: undefined,
    total: 0,
    bySeverity: {},
    fixable: 0,
    maxCvss: undefined,
    ids: [],
    warningPaths: [],
  },
  {
    file: fixtureFiles.harborWrapped,
    format: 'harbor',
    scannerName: 'Trivy',
    scannerVendor: 'Aqua Security',
    scannerVersion: 'v0.44.0',
    generatedAt: '2023-09-08T00:19:11.258Z',
    total: 3,
    bySeverity: { high: 1, low: 2 },
    fixable: 0,
    maxCvss: 8.8,
    ids: ['CVE-2022-1304', 'CVE-2019-1010023', 'CVE-2019-1010024'],
    warningPaths: [],
  },
  {
    file: fixtureFiles.harborUnwrapped,
    format: 'harbor',
    scannerName: 'Trivy',
    scannerVendor: 'Aqua Security',
    scannerVersion: 'v0.44.0',
    generatedAt: '2023-11-16T00:14:12.726Z',
    total: 2,
    bySeverity: { medium: 1, high: 1 },
    fixable: 0,
    maxCvss: 9.8,
    ids: ['CVE-1999-123', 'CVE-1999-1234'],
    warningPaths: [],
  },
  {
    file: fixtureFiles.harborV10Null,
    format: 'harbor',
    scannerName: 'Clair',
    scannerVendor: 'CoreOS',
    scannerVersion: '2.x',
    generatedAt: '2020-01-01T00:00:00.000Z',
    total: 0,
    bySeverity: {},
    fixable: 0,
    maxCvss: undefined,
    ids: [],
    warningPaths: [],
  },
];

function parseFixture(file: string) {
  return parseScanReport(readFixture(file), { ...limits, digest: imageDigest, source: 'upload' });
}

function findingById(findings: Finding[], id: string): Finding {
  const finding = findings.find((candidate) => candidate.vulnerabilityId === id);
  if (finding === undefined) throw new Error(`finding ${id} not found`);
  return finding;
}

describe('parseScanReport on every fixture', () => {
  it.each(expectations)('$file', (expected) => {
    const { report, warnings } = parseFixture(expected.file);
    const summary = summariseFindings(report.findings);

    expect(scanReportSchema.parse(report)).toEqual(report);
    expect(report.digest).toBe(imageDigest);
    expect(report.source).toBe('upload');
    expect(report.format).toBe(expected.format);
    expect(report.scannerName).toBe(expected.scannerName);
    expect(report.scannerVendor).toBe(expected.scannerVendor);
    expect(report.scannerVersion).toBe(expected.scannerVersion);
    expect(report.generatedAt).toBe(expected.generatedAt);
    expect(summary.total).toBe(expected.total);
    expect(summary.bySeverity).toEqual({
      unknown: 0,
      negligible: 0,
      low: 0,
      medium: 0,
      high: 0,
      critical: 0,
      ...expected.bySeverity,
    });
    expect(summary.fixable).toBe(expected.fixable);
    expect(summary.notFixable).toBe(expected.total - expected.fixable);
    expect(summary.maxCvss).toBe(expected.maxCvss);
    expect(report.findings.map((finding) => finding.vulnerabilityId)).toEqual(expected.ids);
    expect(warnings.map((warning) => warning.path)).toEqual(expected.warningPaths);
  });
});

describe('Trivy fixture details', () => {
  it('keeps an unfixed OS package finding without fixedVersion', () => {
    const { report } = parseFixture(fixtureFiles.debianBuster);
    const bash = findingById(report.findings, 'CVE-2019-18276');

    expect(bash).toEqual({
      vulnerabilityId: 'CVE-2019-18276',
      aliases: [],
      package: 'bash',
      installedVersion: '5.0-4',
      severity: 'low',
      cvssScore: 7.8,
      cvssVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
      title: 'bash: when effective UID is not equal to its real UID the saved UID is not dropped',
      description: expect.stringContaining('disable_priv_mode in shell.c'),
      links: expect.arrayContaining(['https://avd.aquasec.com/nvd/cve-2019-18276']),
      target: 'testdata/fixtures/images/debian-buster.tar.gz (debian 10.1)',
      packageClass: 'os-pkgs',
      packageType: 'debian',
      purl: 'pkg:deb/debian/bash@5.0-4?arch=amd64&distro=debian-10.1',
      status: 'affected',
      dataSource: 'Debian Security Tracker',
    });
  });

  it('reads vendor ids as aliases and the fixed version', () => {
    const { report } = parseFixture(fixtureFiles.debianBuster);
    const libidn = findingById(report.findings, 'CVE-2019-18224');

    expect(libidn.aliases).toEqual(['DSA-4613-1']);
    expect(libidn.fixedVersion).toBe('2.0.5-1+deb10u1');
    expect(libidn.severity).toBe('critical');
    expect(libidn.cvssScore).toBe(9.8);
    expect(libidn.cvssVector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  });

  it('puts the primary link first and drops duplicate links', () => {
    const { report } = parseFixture(fixtureFiles.debianBuster);
    const bash = findingById(report.findings, 'CVE-2019-18276');

    expect(bash.links[0]).toBe('https://avd.aquasec.com/nvd/cve-2019-18276');
    expect(bash.links).toHaveLength(12);
    expect(new Set(bash.links).size).toBe(bash.links.length);
  });

  it('reads language package findings with their target', () => {
    const { report } = parseFixture(fixtureFiles.pip);
    const werkzeug = findingById(report.findings, 'CVE-2020-28724');

    expect(werkzeug.package).toBe('Werkzeug');
    expect(werkzeug.installedVersion).toBe('0.11');
    expect(werkzeug.fixedVersion).toBe('0.11.6');
    expect(werkzeug.target).toBe('requirements.txt');
    expect(werkzeug.packageClass).toBe('lang-pkgs');
    expect(werkzeug.packageType).toBe('pip');
    expect(werkzeug.cvssVector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N');
  });

  it('skips a legacy entry without VulnerabilityID and says why', () => {
    const { warnings } = parseFixture(fixtureFiles.legacyMix);

    expect(warnings).toEqual([
      {
        path: '$[0].Vulnerabilities[0]',
        problem: 'the entry for package simplito/elliptic-php has no VulnerabilityID, so it was skipped',
      },
    ]);
  });

  it('reads legacy findings without CVSS', () => {
    const { report } = parseFixture(fixtureFiles.legacyMix);
    const lodash = findingById(report.findings, 'CVE-2018-16487');

    expect(lodash.cvssScore).toBeUndefined();
    expect(lodash.cvssVector).toBeUndefined();
    expect(lodash.fixedVersion).toBe('>=4.17.11');
    expect(lodash.target).toBe('node-app/package-lock.json');
    expect(lodash.packageType).toBe('npm');
    expect(lodash.packageClass).toBeUndefined();
  });
});

describe('Harbor fixture details', () => {
  it('treats an empty fix_version as no fix', () => {
    const { report } = parseFixture(fixtureFiles.harborWrapped);

    for (const finding of report.findings) expect(finding.fixedVersion).toBeUndefined();
  });

  it('takes the preferred v3 score and borrows the matching NVD vector', () => {
    const { report } = parseFixture(fixtureFiles.harborWrapped);
    const e2fsprogs = findingById(report.findings, 'CVE-2022-1304');

    expect(e2fsprogs.cvssScore).toBe(7.8);
    expect(e2fsprogs.cvssVector).toBe('CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H');
    expect(e2fsprogs.package).toBe('e2fsprogs');
    expect(e2fsprogs.installedVersion).toBe('1.46.2-2');
    expect(e2fsprogs.links).toEqual(['https://avd.aquasec.com/nvd/cve-2022-1304']);
  });

  it('reads an unwrapped report with artifact null', () => {
    const { report } = parseFixture(fixtureFiles.harborUnwrapped);
    const asdf = findingById(report.findings, 'CVE-1999-1234');

    expect(asdf.severity).toBe('high');
    expect(asdf.cvssScore).toBe(7.5);
    expect(asdf.cvssVector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H');
  });
});
