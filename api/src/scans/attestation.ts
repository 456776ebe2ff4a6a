import { imageDigestSchema } from '../contract/scan.ts';
import type { ParseContext, ReportHeader } from './parsers/context.ts';
import { looksLikeStatement, parseVulnStatement, vulnPredicateType } from './parsers/cosign-vuln.ts';
import { describeJsonType, ScanReportError } from './parsers/errors.ts';
import {
  defaultScanReportLimits,
  parseReportDocument,
  type ParsedScanReport,
  type ScanReportLimits,
} from './parsers/parse-scan-report.ts';

/** The scanner run recorded in a vulnerability attestation. */
export interface VulnScannerInfo {
  /** Scanner identity, for example `pkg:github/aquasecurity/trivy@v0.50.0`. */
  uri: string;
  version: string;
  db?: { uri?: string; version?: string };
  /** ISO 8601 timestamps of the scan. */
  scanStartedOn: string;
  scanFinishedOn: string;
}

/** An in-toto statement carrying a cosign vulnerability predicate, as `cosign attest --type vuln` writes it. */
export interface VulnAttestationStatement {
  _type: 'https://in-toto.io/Statement/v0.1';
  predicateType: typeof vulnPredicateType;
  subject: Array<{ name: string; digest: Record<string, string> }>;
  predicate: {
    invocation: { parameters: null; uri: string; event_id: string; 'builder.id': string };
    scanner: { uri: string; version: string; db: { uri: string; version: string }; result: unknown };
    metadata: { scanStartedOn: string; scanFinishedOn: string };
  };
}

/**
 * Builds the in-toto statement of a cosign vulnerability attestation for `digest`, with the Trivy
 * JSON report as `predicate.scanner.result`. `subjectName` is the image repository, for example
 * `registry.example.org/wipp/threshold`. Signing the statement is the caller's job.
 */
export function buildVulnAttestationStatement(
  digest: string,
  trivyReport: unknown,
  scanner: VulnScannerInfo,
  subjectName = '',
): VulnAttestationStatement {
  if (!imageDigestSchema.safeParse(digest).success) {
    throw new TypeError(`digest ${JSON.stringify(digest)} is not a sha256 or sha512 digest`);
  }
  const colon = digest.indexOf(':');

  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: vulnPredicateType,
    subject: [{ name: subjectName, digest: { [digest.slice(0, colon)]: digest.slice(colon + 1) } }],
    predicate: {
      invocation: { parameters: null, uri: '', event_id: '', 'builder.id': '' },
      scanner: {
        uri: scanner.uri,
        version: scanner.version,
        db: { uri: scanner.db?.uri ?? '', version: scanner.db?.version ?? '' },
        result: trivyReport,
      },
      metadata: { scanStartedOn: scanner.scanStartedOn, scanFinishedOn: scanner.scanFinishedOn },
    },
  };
}

function parseStatementOnly(json: unknown, context: ParseContext): ReportHeader {
  if (
    json === null ||
    typeof json !== 'object' ||
    Array.isArray(json) ||
    !looksLikeStatement(json as Record<string, unknown>)
  ) {
    throw new ScanReportError(
      'unknown-format',
      '$',
      `the attestation payload is ${describeJsonType(json)} without _type and predicateType`,
      'an in-toto statement with a cosign vulnerability predicate',
    );
  }
  return parseVulnStatement(json, context);
}

/**
 * Parses the in-toto statement of a vulnerability attestation (already taken out of its verified
 * envelope) into a report with source `attestation`. Rejects, with the reason, a statement whose
 * `_type` is not an in-toto statement, whose predicate type is not
 * `https://cosign.sigstore.dev/attestation/vuln/v1`, or whose subjects do not include `expectedDigest`, and a scan time more than an hour after `now`.
 */
export function parseVulnAttestation(
  statementBytes: Uint8Array | string,
  expectedDigest: string,
  limits: ScanReportLimits = defaultScanReportLimits,
  now?: Date,
): ParsedScanReport {
  return parseReportDocument(
    statementBytes,
    { ...limits, digest: expectedDigest, source: 'attestation', ...(now === undefined ? {} : { now }) },
    parseStatementOnly,
  );
}
