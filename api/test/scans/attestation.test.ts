import { describe, expect, it } from 'vitest';
import { buildVulnAttestationStatement, parseVulnAttestation } from '../../src/scans/attestation.ts';
import { ScanReportError } from '../../src/scans/parsers/errors.ts';
import { parseScanReport } from '../../src/scans/parsers/parse-scan-report.ts';
import { fixtureFiles, imageDigest, limits, otherDigest, readFixtureJson } from './fixtures.ts';

const scanner = {
  uri: 'pkg:github/aquasecurity/trivy@v0.50.0',
  version: 'v0.50.0',
  db: { uri: 'ghcr.io/aquasecurity/trivy-db:2', version: '2024-05-01T06:12:30Z' },
  scanStartedOn: '2024-05-01T10:00:00Z',
  scanFinishedOn: '2024-05-01T10:02:30Z',
};

function statementBytes(statement: unknown): string {
  return JSON.stringify(statement);
}

function debianStatement(digest = imageDigest) {
  return buildVulnAttestationStatement(
    digest,
    readFixtureJson(fixtureFiles.debianBuster),
    scanner,
    'example.org/wipp/threshold',
  );
}

function rejection(statement: unknown, digest = imageDigest): ScanReportError {
  try {
    parseVulnAttestation(statementBytes(statement), digest, limits);
  } catch (error) {
    if (error instanceof ScanReportError) return error;
    throw error;
  }
  throw new Error('expected parseVulnAttestation to reject the statement');
}

describe('buildVulnAttestationStatement', () => {
  it('builds a cosign vulnerability statement for the digest', () => {
    const statement = debianStatement();

    expect(statement._type).toBe('https://in-toto.io/Statement/v0.1');
    expect(statement.predicateType).toBe('https://cosign.sigstore.dev/attestation/vuln/v1');
    expect(statement.subject).toEqual([
      { name: 'example.org/wipp/threshold', digest: { sha256: imageDigest.slice(7) } },
    ]);
    expect(statement.predicate.scanner).toMatchObject({
      uri: scanner.uri,
      version: 'v0.50.0',
      db: scanner.db,
    });
    expect(statement.predicate.metadata).toEqual({
      scanStartedOn: scanner.scanStartedOn,
      scanFinishedOn: scanner.scanFinishedOn,
    });
  });

  it('rejects an invalid digest', () => {
    expect(() => buildVulnAttestationStatement('sha256:1234', {}, scanner)).toThrow(TypeError);
  });
});

describe('parseVulnAttestation', () => {
  it('reads the Trivy result, scanner and database version', () => {
    const { report, warnings } = parseVulnAttestation(statementBytes(debianStatement()), imageDigest, limits);

    expect(warnings).toEqual([]);
    expect(report).toMatchObject({
      digest: imageDigest,
      source: 'attestation',
      format: 'cosign-vuln',
      scannerName: 'Trivy',
      scannerVersion: 'v0.50.0',
      databaseVersion: '2024-05-01T06:12:30Z',
      generatedAt: '2024-05-01T10:02:30.000Z',
    });
    expect(report.findings.map((finding) => finding.vulnerabilityId)).toEqual([
      'CVE-2019-18276',
      'CVE-2019-18224',
    ]);
  });

  it('falls back to the start time and then the Trivy CreatedAt', () => {
    const statement = debianStatement();
    statement.predicate.metadata = { scanStartedOn: '', scanFinishedOn: '' };

    const { report } = parseVulnAttestation(statementBytes(statement), imageDigest, limits);

    expect(report.generatedAt).toBe('2021-08-25T12:20:30.000Z');
  });

  it('rejects a statement for another digest', () => {
    const error = rejection(debianStatement(otherDigest));

    expect(error.kind).toBe('digest-mismatch');
    expect(error.path).toBe('$.subject');
    expect(error.message).toContain(`the attestation is for ${otherDigest}, not for ${imageDigest}`);
  });

  it('rejects a statement whose subject has no digest of that algorithm', () => {
    const statement = { ...debianStatement(), subject: [{ name: 'x', digest: { sha512: 'ab' } }] };

    const error = rejection(statement);

    expect(error.kind).toBe('digest-mismatch');
    expect(error.message).toContain('no subject has a sha256 digest');
  });

  it('rejects another predicate type', () => {
    const statement = { ...debianStatement(), predicateType: 'https://slsa.dev/provenance/v1' };

    const error = rejection(statement);

    expect(error.path).toBe('$.predicateType');
    expect(error.message).toBe(
      '$.predicateType: predicate type "https://slsa.dev/provenance/v1" is not a vulnerability scan; ' +
        'expected "https://cosign.sigstore.dev/attestation/vuln/v1"',
    );
  });

  it('rejects an unknown statement type', () => {
    const error = rejection({ ...debianStatement(), _type: 'https://example.org/Statement' });

    expect(error.path).toBe('$._type');
    expect(error.message).toContain('is not an in-toto statement type');
  });

  it('rejects a bare predicate', () => {
    const error = rejection(debianStatement().predicate);

    expect(error.kind).toBe('unknown-format');
    expect(error.message).toContain('without _type and predicateType');
  });

  it('rejects a scanner result that is not Trivy JSON', () => {
    const statement = debianStatement();
    statement.predicate.scanner.result = [];

    const error = rejection(statement);

    expect(error.path).toBe('$.predicate.scanner.result');
    expect(error.message).toContain('the scanner result is an array');
  });

  it('rejects a predicate without a scanner result', () => {
    const statement = debianStatement();
    statement.predicate.scanner.result = undefined;

    const error = rejection(statement);

    expect(error.message).toBe(
      '$.predicate.scanner.result: the scanner result is missing; expected a Trivy JSON report object with SchemaVersion 2',
    );
  });

  it('names the path inside the scanner result', () => {
    const statement = debianStatement();
    statement.predicate.scanner.result = { SchemaVersion: 2, Results: [{ Vulnerabilities: 'none' }] };

    const error = rejection(statement);

    expect(error.path).toBe('$.predicate.scanner.result.Results[0].Vulnerabilities');
  });

  it('accepts the scanners array of the specification document', () => {
    const { scanner: single, ...rest } = debianStatement().predicate;
    const statement = { ...debianStatement(), predicate: { ...rest, scanners: [single] } };

    const { report } = parseVulnAttestation(statementBytes(statement), imageDigest, limits);

    expect(report.findings).toHaveLength(2);
  });
});

describe('parseScanReport with attestation documents', () => {
  it('detects an uploaded statement', () => {
    const { report } = parseScanReport(statementBytes(debianStatement()), {
      ...limits,
      digest: imageDigest,
      source: 'upload',
    });

    expect(report.format).toBe('cosign-vuln');
    expect(report.source).toBe('upload');
  });

  it('detects a bare predicate', () => {
    const predicate = debianStatement().predicate;

    const { report } = parseScanReport(statementBytes(predicate), {
      ...limits,
      digest: imageDigest,
      source: 'upload',
    });

    expect(report.format).toBe('cosign-vuln');
    expect(report.databaseVersion).toBe('2024-05-01T06:12:30Z');
  });
});
