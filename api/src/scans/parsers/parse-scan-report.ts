import { findExcessiveNesting } from '../../lib/nesting.ts';
import { findNulCharacter, nulProblem } from '../../lib/nul.ts';
import {
  imageDigestSchema,
  type ScanReport,
  type ScanReportWarning,
  type ScanSource,
} from '../../contract/scan.ts';
import type { ParseContext, ReportHeader } from './context.ts';
import {
  looksLikeStatement,
  looksLikeVulnPredicate,
  parseVulnPredicate,
  parseVulnStatement,
} from './cosign-vuln.ts';
import { describeJsonType, ScanReportError } from './errors.ts';
import { FindingCollector, ReportWarnings } from './findings.ts';
import { looksLikeHarborReport, parseHarbor } from './harbor.ts';
import { parseLegacyTrivy, parseTrivy } from './trivy.ts';

export interface ScanReportLimits {
  /** Maximum size of the report document in bytes. */
  maxBytes: number;
  /** Maximum number of vulnerability entries, counted before duplicates are merged. */
  maxFindings: number;
}

/**
 * Defaults for {@link ScanReportLimits}. A Trivy finding takes about 1-3 KB of JSON (an estimate
 * from the fixtures), so a large image with a few thousand findings gives a report of up to tens of
 * megabytes. 64 MiB leaves room for that and still bounds the memory of one parse, which is
 * several times the document size.
 */
export const defaultScanReportLimits: ScanReportLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxFindings: 100_000,
};

export interface ParseScanReportOptions extends ScanReportLimits {
  /** Digest of the image the report must describe. */
  digest: string;
  source: ScanSource;
  /** The current time, against which a scan time in the future is rejected; the clock when absent. */
  now?: Date;
  /** See `ParseContext.acceptedDigests`: set for uploads, whose image an administrator chose. */
  acceptedDigests?: readonly string[];
}

// Scanner, registry and Assay clocks may disagree by minutes; a time further ahead is no clock skew.
const maxClockSkewMs = 60 * 60 * 1000;

/** Rejects a scan time later than `now` plus the allowed clock skew, which would count as fresh for years. */
function rejectFutureScanTime(generatedAt: string, path: string, now: Date): void {
  const latest = new Date(now.getTime() + maxClockSkewMs);
  if (Date.parse(generatedAt) <= latest.getTime()) return;
  throw new ScanReportError(
    'invalid-report',
    path,
    `the scan time ${generatedAt} is in the future (now is ${now.toISOString()})`,
    `a time no later than ${latest.toISOString()}, one hour from now`,
  );
}

export interface ParsedScanReport {
  report: ScanReport;
  /** Parts of the document that were read but not used, each with its JSON path. */
  warnings: ScanReportWarning[];
}

const knownFormats =
  'Trivy JSON (SchemaVersion 2), a legacy Trivy results array, a Harbor vulnerability report, ' +
  'or a cosign vulnerability attestation';

// Trivy and Harbor reports nest about 7 levels, 10 inside an attestation; far more is no report.
const maxReportDepth = 64;

function decodeJson(input: Uint8Array | string): unknown {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new ScanReportError(
        'invalid-json',
        '$',
        'the report is not valid UTF-8 text',
        'a UTF-8 JSON document',
      );
    }
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScanReportError('invalid-json', '$', `the report is not valid JSON: ${reason}`, knownFormats);
  }
  // Checked before the recursive NUL walk, which would overflow the stack on thousands of levels.
  const deepPath = findExcessiveNesting(value, maxReportDepth);
  if (deepPath) {
    throw new ScanReportError(
      'invalid-report',
      deepPath,
      `objects and arrays are nested more than ${maxReportDepth} levels deep`,
      `at most ${maxReportDepth} levels (Trivy reports nest about 7, and 10 inside an attestation)`,
    );
  }
  const nulPath = findNulCharacter(value);
  if (nulPath) {
    throw new ScanReportError('invalid-report', nulPath, `the value ${nulProblem}`, 'text without U+0000');
  }
  return value;
}

function parseObject(json: Record<string, unknown>, context: ParseContext): ReportHeader {
  if (looksLikeStatement(json)) return parseVulnStatement(json, context);
  if ('SchemaVersion' in json || 'Results' in json) return parseTrivy(json, context);
  if (looksLikeHarborReport(json)) return parseHarbor(json, context);
  if (looksLikeVulnPredicate(json)) return parseVulnPredicate(json, '$', context);

  if ('payloadType' in json && 'payload' in json && 'signatures' in json) {
    throw new ScanReportError(
      'unknown-format',
      '$',
      'the document is a DSSE envelope, whose payload is still encoded',
      'the in-toto statement from the envelope, after its signatures were verified',
    );
  }
  throw new ScanReportError(
    'unknown-format',
    '$',
    'the document is not a known scan report format',
    knownFormats,
  );
}

function parseAnyFormat(json: unknown, context: ParseContext): ReportHeader {
  if (json === null || Array.isArray(json)) return parseLegacyTrivy(json, context);
  if (typeof json === 'object') return parseObject(json as Record<string, unknown>, context);
  throw new ScanReportError('unknown-format', '$', `the document is ${describeJsonType(json)}`, knownFormats);
}

/**
 * Checks the options and the size, decodes the JSON document and normalises it with `parseFormat`.
 * Shared by {@link parseScanReport} and the attestation parser.
 */
export function parseReportDocument(
  input: Uint8Array | string,
  options: ParseScanReportOptions,
  parseFormat: (json: unknown, context: ParseContext) => ReportHeader,
): ParsedScanReport {
  if (!imageDigestSchema.safeParse(options.digest).success) {
    throw new TypeError(`digest ${JSON.stringify(options.digest)} is not a sha256 or sha512 digest`);
  }

  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > options.maxBytes) {
    throw new ScanReportError(
      'too-large',
      '$',
      `the report is ${size} bytes, larger than the configured maximum of ${options.maxBytes} bytes`,
      `at most ${options.maxBytes} bytes`,
    );
  }

  const json = decodeJson(input);
  const warnings = new ReportWarnings();
  const context: ParseContext = {
    digest: options.digest,
    ...(options.acceptedDigests === undefined ? {} : { acceptedDigests: options.acceptedDigests }),
    collector: new FindingCollector(options.maxFindings, warnings),
    warnings,
  };
  const { generatedAtPath, ...header } = parseFormat(json, context);
  if (header.generatedAt !== undefined) {
    rejectFutureScanTime(header.generatedAt, generatedAtPath ?? '$', options.now ?? new Date());
  }

  const report: ScanReport = {
    digest: options.digest,
    source: options.source,
    ...header,
    findings: context.collector.findings(),
  };
  return { report, warnings: warnings.toArray() };
}

/**
 * Detects the format of a vulnerability report, validates it and normalises it into a
 * {@link ScanReport} for `options.digest`. Formats: Trivy JSON with `SchemaVersion: 2`, legacy Trivy
 * (a top-level array or `null`), Harbor reports 1.0 and 1.1 (wrapped in their MIME-type key or
 * not), and cosign vulnerability attestations (the in-toto statement or the bare predicate).
 * Throws {@link ScanReportError} naming the JSON path and what is valid there. Harbor reports and
 * attestation statements that name another digest are rejected. For attestations read from the
 * registry, use `parseVulnAttestation`, which accepts only the statement form.
 */
export function parseScanReport(
  input: Uint8Array | string,
  options: ParseScanReportOptions,
): ParsedScanReport {
  return parseReportDocument(input, options, parseAnyFormat);
}
