import { describe, expect, it } from 'vitest';
import { parseScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import { ScanReportError, type ScanReportErrorKind } from '../../src/scans/parsers/errors.ts';
import { fixtureFiles, imageDigest, limits, otherDigest, readFixture } from './fixtures.ts';

function parseError(input: Uint8Array | string, options: Partial<typeof limits> = {}): ScanReportError {
  try {
    parseScanReport(input, { ...limits, ...options, digest: imageDigest, source: 'upload' });
  } catch (error) {
    if (error instanceof ScanReportError) return error;
    throw error;
  }
  throw new Error('expected parseScanReport to throw a ScanReportError');
}

const harborKey = 'application/vnd.security.vulnerability.report; version=1.1';

interface ErrorCase {
  name: string;
  input: Uint8Array | string;
  kind: ScanReportErrorKind;
  path: string;
  message: RegExp;
}

const cases: ErrorCase[] = [
  {
    name: 'text that is not JSON',
    input: 'Total: 3 (HIGH: 3)',
    kind: 'invalid-json',
    path: '$',
    message: /^\$: the report is not valid JSON: .+; expected Trivy JSON \(SchemaVersion 2\)/,
  },
  {
    name: 'truncated JSON',
    input: '{"SchemaVersion": 2, "Results": [',
    kind: 'invalid-json',
    path: '$',
    message: /not valid JSON/,
  },
  {
    name: 'bytes that are not UTF-8',
    input: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    kind: 'invalid-json',
    path: '$',
    message: /not valid UTF-8/,
  },
  {
    name: 'a JSON string',
    input: '"CVE-2019-18276"',
    kind: 'unknown-format',
    path: '$',
    message: /^\$: the document is a string; expected Trivy JSON/,
  },
  {
    name: 'a JSON number',
    input: '42',
    kind: 'unknown-format',
    path: '$',
    message: /the document is a number/,
  },
  {
    name: 'an object of unknown shape',
    input: JSON.stringify({ bomFormat: 'CycloneDX', components: [] }),
    kind: 'unknown-format',
    path: '$',
    message:
      /not a known scan report format; expected Trivy JSON .* a Harbor vulnerability report, or a cosign/,
  },
  {
    name: 'a DSSE envelope',
    input: JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: 'e30=', signatures: [] }),
    kind: 'unknown-format',
    path: '$',
    message: /DSSE envelope/,
  },
  {
    name: 'Trivy SchemaVersion 3',
    input: JSON.stringify({ SchemaVersion: 3, Results: [] }),
    kind: 'unsupported-version',
    path: '$.SchemaVersion',
    message: /Trivy SchemaVersion 3 is not supported; expected SchemaVersion 2/,
  },
  {
    name: 'Trivy Results without SchemaVersion',
    input: JSON.stringify({ Results: [] }),
    kind: 'unsupported-version',
    path: '$.SchemaVersion',
    message: /has no SchemaVersion/,
  },
  {
    name: 'Trivy Results that is an object',
    input: JSON.stringify({ SchemaVersion: 2, Results: {} }),
    kind: 'invalid-report',
    path: '$.Results',
    message: /^\$\.Results: the value is an object; expected an array$/,
  },
  {
    name: 'a Trivy package name that is a number',
    input: JSON.stringify({
      SchemaVersion: 2,
      Results: [
        {
          Target: 't',
          Vulnerabilities: [
            { VulnerabilityID: 'CVE-1', PkgName: 'a' },
            { VulnerabilityID: 'CVE-2', PkgName: 7 },
          ],
        },
      ],
    }),
    kind: 'invalid-report',
    path: '$.Results[0].Vulnerabilities[1].PkgName',
    message: /: the value is a number; expected a string$/,
  },
  {
    name: 'a legacy array with a number in it',
    input: '[1]',
    kind: 'invalid-report',
    path: '$[0]',
    message: /^\$\[0\]: the value is a number; expected an object$/,
  },
  {
    name: 'a Harbor report without a scanner name',
    input: JSON.stringify({
      generated_at: '2023-01-01T00:00:00Z',
      scanner: { vendor: 'x' },
      vulnerabilities: [],
    }),
    kind: 'invalid-report',
    path: '$.scanner.name',
    message: /^\$\.scanner\.name: the value is missing; expected a string$/,
  },
  {
    name: 'a wrapped Harbor report with a numeric severity',
    input: JSON.stringify({
      [harborKey]: {
        scanner: { name: 'Trivy' },
        vulnerabilities: [{ id: 'CVE-1', package: 'p', version: '1', severity: 3 }],
      },
    }),
    kind: 'invalid-report',
    path: `$["${harborKey}"].vulnerabilities[0].severity`,
    message: /: the value is a number; expected a string$/,
  },
  {
    name: 'a Harbor export of the raw report type',
    input: JSON.stringify({ 'application/vnd.scanner.adapter.vuln.report.raw': '{}' }),
    kind: 'unsupported-version',
    path: '$["application/vnd.scanner.adapter.vuln.report.raw"]',
    message:
      /cannot be read; expected a report of type "application\/vnd.security.vulnerability.report; version=1.1" or/,
  },
  {
    name: 'a Harbor report for another digest',
    input: JSON.stringify({
      scanner: { name: 'Trivy' },
      artifact: { digest: otherDigest },
      vulnerabilities: [],
    }),
    kind: 'digest-mismatch',
    path: '$.artifact.digest',
    message: new RegExp(`the report is for ${otherDigest}, not for ${imageDigest}`),
  },
];

describe('parseScanReport rejects invalid input', () => {
  it.each(cases)('$name', ({ input, kind, path, message }) => {
    const error = parseError(input);

    expect(error.kind).toBe(kind);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
  });

  it('counts the problems after the first one', () => {
    const input = JSON.stringify({
      SchemaVersion: 2,
      Results: [{ Vulnerabilities: [{ VulnerabilityID: 'CVE-1', PkgName: 4, Severity: 3 }] }],
    });

    const error = parseError(input);

    expect(error.otherProblems).toBe(1);
    expect(error.message).toMatch(/expected a string\. 1 more problem was found in the report$/);
  });

  it('rejects a report nested thousands of levels deep', () => {
    const deep = `{"SchemaVersion":2,"Results":${'['.repeat(5000)}${']'.repeat(5000)}}`;

    const error = parseError(deep);

    expect(error.kind).toBe('invalid-report');
    expect(error.message).toContain('nested more than 64 levels deep');
  });

  it('rejects an oversized report with its size and the bound', () => {
    const bytes = readFixture(fixtureFiles.debianBuster);

    const error = parseError(bytes, { maxBytes: 4096 });

    expect(error.kind).toBe('too-large');
    expect(error.message).toBe(
      `$: the report is ${bytes.byteLength} bytes, larger than the configured maximum of 4096 bytes; expected at most 4096 bytes`,
    );
  });

  it('measures string input in UTF-8 bytes', () => {
    const error = parseError('"ééé"', { maxBytes: 6 });

    expect(error.kind).toBe('too-large');
    expect(error.message).toContain('the report is 8 bytes');
  });

  it('rejects more findings than the bound', () => {
    const error = parseError(readFixture(fixtureFiles.legacyMix), { maxFindings: 3 });

    expect(error.kind).toBe('too-many-findings');
    expect(error.path).toBe('$[2].Vulnerabilities[2]');
    expect(error.message).toContain('more than 3 findings');
  });

  it('rejects an invalid digest option as a programming error', () => {
    expect(() => parseScanReport('null', { ...limits, digest: 'sha256:ABC', source: 'upload' })).toThrow(
      TypeError,
    );
  });
});
