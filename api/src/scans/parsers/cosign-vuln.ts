import { z } from 'zod';
import type { ParseContext, ReportHeader } from './context.ts';
import { childPath, describeJsonType, errorFromZod, ScanReportError } from './errors.ts';
import { normaliseTimestamp } from './timestamps.ts';
import { readTrivyReport } from './trivy.ts';

/** Predicate type of cosign vulnerability attestations, as current cosign releases write it. */
export const vulnPredicateType = 'https://cosign.sigstore.dev/attestation/vuln/v1';

// Older cosign releases and the specification document write the type without `https://`, so
// both spellings are accepted.
const acceptedPredicateTypes: readonly string[] = [
  vulnPredicateType,
  'cosign.sigstore.dev/attestation/vuln/v1',
];

/** in-toto Statement `_type` values accepted: v0.1, which cosign writes, and v1. */
export const statementTypes: readonly string[] = [
  'https://in-toto.io/Statement/v0.1',
  'https://in-toto.io/Statement/v1',
];

const scannerSchema = z.object({
  uri: z.string().nullish(),
  version: z.string().nullish(),
  db: z.object({ uri: z.string().nullish(), version: z.string().nullish() }).nullish(),
  result: z.unknown().optional(),
});

const predicateSchema = z.object({
  scanner: scannerSchema.optional(),
  // The specification document shows a `scanners` array, but cosign and Trivy write one `scanner`.
  scanners: z.array(scannerSchema).optional(),
  metadata: z.object({ scanStartedOn: z.string().nullish(), scanFinishedOn: z.string().nullish() }).nullish(),
});

const subjectSchema = z.object({
  name: z.string().nullish(),
  digest: z.record(z.string(), z.string()),
});

const statementSchema = z.object({
  _type: z.string(),
  predicateType: z.string(),
  subject: z.array(subjectSchema).min(1, 'subject must list at least one artifact'),
  predicate: z.unknown(),
});

/** True for an in-toto statement: an object with `_type` and `predicateType`. */
export function looksLikeStatement(json: Record<string, unknown>): boolean {
  return '_type' in json && 'predicateType' in json;
}

/** True for a bare vulnerability predicate: an object with a `scanner` (or `scanners`) and `metadata` or `invocation`. */
export function looksLikeVulnPredicate(json: Record<string, unknown>): boolean {
  return ('scanner' in json || 'scanners' in json) && ('metadata' in json || 'invocation' in json);
}

function selectScanner(
  predicate: z.infer<typeof predicateSchema>,
  basePath: string,
): { scanner: z.infer<typeof scannerSchema>; path: string } {
  if (predicate.scanner !== undefined) {
    return { scanner: predicate.scanner, path: childPath(basePath, 'scanner') };
  }

  const scanners = predicate.scanners ?? [];
  const only = scanners[0];
  if (scanners.length !== 1 || only === undefined) {
    throw new ScanReportError(
      'invalid-report',
      childPath(basePath, predicate.scanners === undefined ? 'scanner' : 'scanners'),
      predicate.scanners === undefined
        ? 'the predicate names no scanner'
        : `the predicate lists ${scanners.length} scanners`,
      'one scanner object with its Trivy result',
    );
  }
  return { scanner: only, path: childPath(childPath(basePath, 'scanners'), 0) };
}

/** Parses a cosign vulnerability predicate found at `basePath`, whose scanner result is Trivy JSON. */
export function parseVulnPredicate(json: unknown, basePath: string, context: ParseContext): ReportHeader {
  const parsed = predicateSchema.safeParse(json);
  if (!parsed.success) throw errorFromZod(parsed.error, basePath, json);
  const { scanner, path: scannerPath } = selectScanner(parsed.data, basePath);

  const resultPath = childPath(scannerPath, 'result');
  const result = scanner.result;
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new ScanReportError(
      'invalid-report',
      resultPath,
      `the scanner result is ${describeJsonType(result)}`,
      'a Trivy JSON report object with SchemaVersion 2',
    );
  }
  const trivy = readTrivyReport(result, resultPath, context);

  const header: ReportHeader = { format: 'cosign-vuln', scannerName: 'Trivy' };
  const version = scanner.version?.trim() || trivy.Trivy?.Version?.trim();
  if (version) header.scannerVersion = version;
  const databaseVersion = scanner.db?.version?.trim();
  if (databaseVersion) header.databaseVersion = databaseVersion;

  const metadataPath = childPath(basePath, 'metadata');
  const times: [unknown, string][] = [
    [parsed.data.metadata?.scanFinishedOn, childPath(metadataPath, 'scanFinishedOn')],
    [parsed.data.metadata?.scanStartedOn, childPath(metadataPath, 'scanStartedOn')],
    [trivy.CreatedAt, childPath(resultPath, 'CreatedAt')],
  ];
  // Every time is read, so that each unreadable one is warned about; the first readable one wins.
  const readable = times.flatMap(([value, path]) => {
    const generatedAt = normaliseTimestamp(value as string | undefined, path, context.warnings);
    return generatedAt === undefined ? [] : [{ generatedAt, generatedAtPath: path }];
  });
  if (readable[0] !== undefined) Object.assign(header, readable[0]);
  return header;
}

/**
 * Checks an in-toto statement's `_type`, its predicate type and that one of its subjects is the
 * expected digest, then parses its vulnerability predicate.
 */
export function parseVulnStatement(json: unknown, context: ParseContext): ReportHeader {
  const parsed = statementSchema.safeParse(json);
  if (!parsed.success) throw errorFromZod(parsed.error, '$', json);
  const statement = parsed.data;

  if (!statementTypes.includes(statement._type)) {
    throw new ScanReportError(
      'invalid-report',
      '$._type',
      `${JSON.stringify(statement._type)} is not an in-toto statement type`,
      statementTypes.map((type) => `"${type}"`).join(' or '),
    );
  }
  if (!acceptedPredicateTypes.includes(statement.predicateType)) {
    throw new ScanReportError(
      'invalid-report',
      '$.predicateType',
      `predicate type ${JSON.stringify(statement.predicateType)} is not a vulnerability scan`,
      `"${vulnPredicateType}"`,
    );
  }

  const [algorithm, hex] = splitDigest(context.digest);
  const subjectDigests = statement.subject.map((subject) => subject.digest[algorithm]?.toLowerCase());
  if (!subjectDigests.includes(hex)) {
    const found = subjectDigests
      .filter((value) => value !== undefined)
      .map((value) => `${algorithm}:${value}`);
    throw new ScanReportError(
      'digest-mismatch',
      '$.subject',
      found.length === 0
        ? `no subject has a ${algorithm} digest, so the attestation is not bound to ${context.digest}`
        : `the attestation is for ${found.join(', ')}, not for ${context.digest}`,
      `a subject with digest ${context.digest}`,
    );
  }

  return parseVulnPredicate(statement.predicate, '$.predicate', context);
}

function splitDigest(digest: string): [string, string] {
  const colon = digest.indexOf(':');
  return [digest.slice(0, colon), digest.slice(colon + 1)];
}
