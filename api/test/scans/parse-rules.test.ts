import { describe, expect, it } from 'vitest';
import type { Severity } from '../../src/contract/scan.ts';
import { selectCvss, type PreferredCvss, type VendorCvss } from '../../src/scans/parsers/cvss.ts';
import { maxWarnings } from '../../src/scans/parsers/findings.ts';
import { parseScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import { imageDigest, limits, otherDigest } from './fixtures.ts';

function trivyReport(vulnerabilities: object[], extra: object = {}): string {
  return JSON.stringify({
    SchemaVersion: 2,
    CreatedAt: '2024-05-01T10:00:00Z',
    Trivy: { Version: '0.50.0' },
    Results: [
      { Target: 'image (alpine 3.19)', Class: 'os-pkgs', Type: 'alpine', Vulnerabilities: vulnerabilities },
    ],
    ...extra,
  });
}

function vulnerability(overrides: object = {}): object {
  return {
    VulnerabilityID: 'CVE-2024-0001',
    PkgName: 'openssl',
    InstalledVersion: '3.1.0-r0',
    Severity: 'HIGH',
    ...overrides,
  };
}

function parse(input: string, options: Partial<typeof limits> = {}) {
  return parseScanReport(input, { ...limits, ...options, digest: imageDigest, source: 'upload' });
}

describe('severity mapping', () => {
  const cases: Array<{ name: string | null | undefined; severity: Severity; warns: boolean }> = [
    { name: 'CRITICAL', severity: 'critical', warns: false },
    { name: 'critical', severity: 'critical', warns: false },
    { name: 'High', severity: 'high', warns: false },
    { name: 'MEDIUM', severity: 'medium', warns: false },
    { name: 'low', severity: 'low', warns: false },
    { name: 'Negligible', severity: 'negligible', warns: false },
    { name: 'UNKNOWN', severity: 'unknown', warns: false },
    { name: 'None', severity: 'unknown', warns: false },
    { name: ' high ', severity: 'high', warns: false },
    { name: '', severity: 'unknown', warns: false },
    { name: null, severity: 'unknown', warns: false },
    { name: undefined, severity: 'unknown', warns: false },
    { name: 'Moderate', severity: 'unknown', warns: true },
    { name: 'Important', severity: 'unknown', warns: true },
  ];

  it.each(cases)('maps $name to $severity', ({ name, severity, warns }) => {
    const { report, warnings } = parse(trivyReport([vulnerability({ Severity: name })]));

    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.severity).toBe(severity);
    expect(warnings.length > 0).toBe(warns);
  });

  it('names the unknown severity in the warning', () => {
    const { warnings } = parse(trivyReport([vulnerability({ Severity: 'Moderate' })]));

    expect(warnings).toEqual([
      {
        path: '$.Results[0].Vulnerabilities[0]',
        problem: 'severity "Moderate" is not a known severity, so it is counted as unknown',
      },
    ]);
  });
});

describe('selectCvss', () => {
  const nvd: VendorCvss = {
    V2Score: 5,
    V2Vector: 'AV:N/AC:L/Au:N/C:P/I:N/A:N',
    V3Score: 7.5,
    V3Vector: 'CVSS:3.1/nvd',
  };
  const redhat: VendorCvss = { V3Score: 6.1, V3Vector: 'CVSS:3.1/redhat' };
  const cases: Array<{
    name: string;
    preferred: PreferredCvss | undefined;
    vendors: Record<string, VendorCvss> | undefined;
    expected: { score: number; vector?: string } | undefined;
  }> = [
    {
      name: 'preferred v3 with its vector',
      preferred: { score_v3: 8.1, vector_v3: 'CVSS:3.1/preferred' },
      vendors: { nvd },
      expected: { score: 8.1, vector: 'CVSS:3.1/preferred' },
    },
    {
      name: 'preferred v3 borrowing the vendor vector of the same score',
      preferred: { score_v3: 6.1, vector_v3: '' },
      vendors: { nvd, redhat },
      expected: { score: 6.1, vector: 'CVSS:3.1/redhat' },
    },
    {
      name: 'preferred v3 without any matching vector',
      preferred: { score_v3: 9.9, vector_v3: '' },
      vendors: { nvd },
      expected: { score: 9.9 },
    },
    {
      name: 'NVD v3 before other vendors',
      preferred: undefined,
      vendors: { redhat, nvd },
      expected: { score: 7.5, vector: 'CVSS:3.1/nvd' },
    },
    {
      name: 'another vendor v3 before NVD v2',
      preferred: undefined,
      vendors: { nvd: { V2Score: 5, V2Vector: 'AV:N' }, redhat },
      expected: { score: 6.1, vector: 'CVSS:3.1/redhat' },
    },
    {
      name: 'vendor v3 before preferred v2',
      preferred: { score_v3: null, score_v2: 4.3, vector_v2: 'AV:N/preferred' },
      vendors: { redhat },
      expected: { score: 6.1, vector: 'CVSS:3.1/redhat' },
    },
    {
      name: 'preferred v2 when there is no v3',
      preferred: { score_v3: null, score_v2: 4.3, vector_v2: 'AV:N/preferred' },
      vendors: { nvd: { V2Score: 5, V2Vector: 'AV:N/nvd' } },
      expected: { score: 4.3, vector: 'AV:N/preferred' },
    },
    {
      name: 'vendor v2 as the last resort',
      preferred: undefined,
      vendors: { ghsa: { V2Score: 5, V2Vector: 'AV:N/ghsa' } },
      expected: { score: 5, vector: 'AV:N/ghsa' },
    },
    {
      name: 'no scores at all',
      preferred: { score_v3: null, score_v2: null },
      vendors: {},
      expected: undefined,
    },
    { name: 'a score outside 0-10', preferred: { score_v3: 11 }, vendors: undefined, expected: undefined },
  ];

  it.each(cases)('chooses $name', ({ preferred, vendors, expected }) => {
    expect(selectCvss(preferred, vendors)).toEqual(expected);
  });
});

describe('finding normalisation', () => {
  it('treats an empty FixedVersion as no fix', () => {
    const { report } = parse(trivyReport([vulnerability({ FixedVersion: '' })]));

    expect(report.findings[0]).not.toHaveProperty('fixedVersion');
  });

  it('merges duplicates of id, package, version and target', () => {
    const input = trivyReport([
      vulnerability({ Severity: 'MEDIUM', References: ['https://a.example/1'], VendorIDs: ['ALPINE-1'] }),
      vulnerability({
        Severity: 'CRITICAL',
        FixedVersion: '3.1.1-r0',
        References: ['https://a.example/2'],
        VendorIDs: ['GHSA-1'],
      }),
    ]);

    const { report } = parse(input);

    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      severity: 'critical',
      fixedVersion: '3.1.1-r0',
      aliases: ['ALPINE-1', 'GHSA-1'],
      links: ['https://a.example/1', 'https://a.example/2'],
    });
  });

  it('keeps the same vulnerability in two targets apart', () => {
    const input = JSON.stringify({
      SchemaVersion: 2,
      Results: [
        { Target: 'app/requirements.txt', Vulnerabilities: [vulnerability()] },
        { Target: 'tools/requirements.txt', Vulnerabilities: [vulnerability()] },
      ],
    });

    const { report } = parse(input);

    expect(report.findings.map((finding) => finding.target)).toEqual([
      'app/requirements.txt',
      'tools/requirements.txt',
    ]);
  });

  it('drops links that are not http or https', () => {
    const input = trivyReport([
      vulnerability({
        PrimaryURL: 'javascript:alert(1)',
        References: ['https://nvd.nist.gov/x', 'data:text/html,x'],
      }),
    ]);

    const { report, warnings } = parse(input);

    expect(report.findings[0]?.links).toEqual(['https://nvd.nist.gov/x']);
    expect(warnings.map((warning) => warning.problem)).toEqual([
      'link "javascript:alert(1)" is not an http or https URL, so it was dropped',
      'link "data:text/html,x" is not an http or https URL, so it was dropped',
    ]);
  });

  it('keeps a finding without a package name', () => {
    const { report } = parse(trivyReport([vulnerability({ PkgName: undefined })]));

    expect(report.findings[0]?.package).toBe('');
  });

  it('caps warnings and counts the rest', () => {
    const entries = Array.from({ length: maxWarnings + 50 }, () => ({ PkgName: 'x' }));

    const { report, warnings } = parse(trivyReport(entries));

    expect(report.findings).toHaveLength(0);
    expect(warnings).toHaveLength(maxWarnings + 1);
    expect(warnings.at(-1)).toEqual({ path: '$', problem: '50 more warnings were omitted' });
  });
});

describe('report metadata', () => {
  it('warns when no repository digest is the expected digest', () => {
    const input = trivyReport([], { Metadata: { RepoDigests: [`example.org/app@${otherDigest}`] } });

    const { warnings } = parse(input);

    expect(warnings).toEqual([
      {
        path: '$.Metadata.RepoDigests',
        problem: `none of the repository digests is ${imageDigest}; the report may describe another image or platform`,
      },
    ]);
  });

  it('accepts a repository digest that matches', () => {
    const input = trivyReport([], { Metadata: { RepoDigests: [`example.org/app@${imageDigest}`] } });

    expect(parse(input).warnings).toEqual([]);
  });

  it.each([
    { name: 'Unix seconds', createdAt: 1629894030, expected: '2021-08-25T12:20:30.000Z', warns: false },
    { name: 'Go zero time', createdAt: '0001-01-01T00:00:00Z', expected: undefined, warns: true },
    { name: 'text that is not a time', createdAt: 'yesterday', expected: undefined, warns: true },
  ])('reads CreatedAt given as $name', ({ createdAt, expected, warns }) => {
    const { report, warnings } = parse(trivyReport([], { CreatedAt: createdAt }));

    expect(report.generatedAt).toBe(expected);
    expect(warnings.length > 0).toBe(warns);
  });
});

describe('large reports', () => {
  it('parses 50,000 generated findings', () => {
    const vulnerabilities = Array.from({ length: 50_000 }, (_, index) => ({
      VulnerabilityID: `CVE-2024-${String(index).padStart(5, '0')}`,
      PkgName: `package-${index % 500}`,
      InstalledVersion: '1.0.0',
      FixedVersion: index % 2 === 0 ? '1.0.1' : '',
      Severity: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'][index % 4],
      CVSS: {
        nvd: { V3Score: (index % 100) / 10, V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      },
      References: [`https://nvd.nist.gov/vuln/detail/CVE-2024-${index}`],
    }));
    const input = trivyReport(vulnerabilities);

    const { report } = parse(input, { maxBytes: 64 * 1024 * 1024, maxFindings: 100_000 });

    expect(report.findings).toHaveLength(50_000);
    expect(report.findings.filter((finding) => finding.fixedVersion !== undefined)).toHaveLength(25_000);
    expect(report.findings[49_999]?.vulnerabilityId).toBe('CVE-2024-49999');
  });
});
