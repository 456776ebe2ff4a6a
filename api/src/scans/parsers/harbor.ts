import { z } from 'zod';
import { harborMimeTypes, normaliseMimeType, readableReportMimeTypes } from '../harbor-mime-types.ts';
import type { ParseContext, ReportHeader } from './context.ts';
import { selectCvss } from './cvss.ts';
import { childPath, errorFromZod, ScanReportError } from './errors.ts';
import { normaliseTimestamp } from './timestamps.ts';

const cvssSchema = z.object({
  score_v3: z.number().nullish(),
  score_v2: z.number().nullish(),
  vector_v3: z.string().nullish(),
  vector_v2: z.string().nullish(),
});

const vendorCvssSchema = z.record(
  z.string(),
  z.object({
    V2Score: z.number().nullish(),
    V2Vector: z.string().nullish(),
    V3Score: z.number().nullish(),
    V3Vector: z.string().nullish(),
  }),
);

const vulnerabilitySchema = z.object({
  id: z.string().nullish(),
  package: z.string().nullish(),
  version: z.string().nullish(),
  fix_version: z.string().nullish(),
  severity: z.string().nullish(),
  description: z.string().nullish(),
  links: z.array(z.string()).nullish(),
  preferred_cvss: cvssSchema.nullish(),
  // The specification leaves vendor_attributes open, so only its CVSS part is read, and only when
  // it has the shape the Trivy adapter writes.
  vendor_attributes: z.record(z.string(), z.unknown()).nullish(),
});

const reportSchema = z.object({
  generated_at: z.string().nullish(),
  artifact: z.object({ repository: z.string().nullish(), digest: z.string().nullish() }).nullish(),
  scanner: z.object({
    name: z.string().trim().min(1, 'scanner.name must be a non-empty string'),
    vendor: z.string().nullish(),
    version: z.string().nullish(),
  }),
  vulnerabilities: z.array(vulnerabilitySchema).nullish(),
});

const readableKeys = new Set<string>(readableReportMimeTypes.map(normaliseMimeType));

/**
 * Finds the report inside a Harbor API export, which wraps it in an object keyed by its MIME type.
 * Returns the report itself when it is not wrapped.
 */
function unwrap(json: Record<string, unknown>): { report: unknown; path: string } {
  const keys = Object.keys(json);
  const mimeKeys = keys.filter((key) => key.toLowerCase().startsWith('application/'));
  if (mimeKeys.length === 0) return { report: json, path: '$' };

  for (const preferred of readableReportMimeTypes) {
    const key = mimeKeys.find((candidate) => normaliseMimeType(candidate) === normaliseMimeType(preferred));
    if (key !== undefined) return { report: json[key], path: childPath('$', key) };
  }
  throw new ScanReportError(
    'unsupported-version',
    childPath('$', mimeKeys[0] ?? ''),
    `report type ${JSON.stringify(mimeKeys[0])} cannot be read`,
    `a report of type ${readableReportMimeTypes.map((type) => `"${type}"`).join(' or ')}`,
  );
}

const rawReportKey = normaliseMimeType(harborMimeTypes.reportRaw);
const reportKeys = ['generated_at', 'artifact', 'severity'];

/** True when an object is a Harbor report or a Harbor export that wraps one under its MIME type. */
export function looksLikeHarborReport(json: Record<string, unknown>): boolean {
  const keys = Object.keys(json).map(normaliseMimeType);
  if (keys.some((key) => readableKeys.has(key) || key === rawReportKey)) return true;
  return 'vulnerabilities' in json || ('scanner' in json && reportKeys.some((key) => key in json));
}

/** Parses a Harbor scanner API vulnerability report (version 1.0 or 1.1), wrapped in its MIME-type key or not. */
export function parseHarbor(json: Record<string, unknown>, context: ParseContext): ReportHeader {
  const { report: inner, path: basePath } = unwrap(json);
  const parsed = reportSchema.safeParse(inner);
  if (!parsed.success) throw errorFromZod(parsed.error, basePath, inner);
  const report = parsed.data;

  const artifactDigest = report.artifact?.digest?.trim();
  if (artifactDigest && artifactDigest !== context.digest) {
    throw new ScanReportError(
      'digest-mismatch',
      childPath(childPath(basePath, 'artifact'), 'digest'),
      `the report is for ${artifactDigest}, not for ${context.digest}`,
      `a report for ${context.digest}`,
    );
  }

  const vulnerabilitiesPath = childPath(basePath, 'vulnerabilities');
  (report.vulnerabilities ?? []).forEach((vulnerability, index) => {
    const path = childPath(vulnerabilitiesPath, index);
    const vulnerabilityId = vulnerability.id?.trim() ?? '';
    if (vulnerabilityId === '') {
      context.warnings.add(path, 'the entry has no id, so it was skipped');
      return;
    }

    const rawVendorCvss = vulnerability.vendor_attributes?.['CVSS'];
    const vendorCvss = vendorCvssSchema.safeParse(rawVendorCvss ?? {});
    if (!vendorCvss.success) {
      context.warnings.add(
        childPath(childPath(path, 'vendor_attributes'), 'CVSS'),
        'vendor CVSS data has an unknown shape, so it was ignored',
      );
    }
    context.collector.add(
      {
        vulnerabilityId,
        package: vulnerability.package,
        installedVersion: vulnerability.version,
        fixedVersion: vulnerability.fix_version,
        severity: vulnerability.severity,
        cvss: selectCvss(vulnerability.preferred_cvss, vendorCvss.success ? vendorCvss.data : undefined),
        description: vulnerability.description,
        links: vulnerability.links ?? [],
      },
      path,
    );
  });

  const header: ReportHeader = { format: 'harbor', scannerName: report.scanner.name };
  const vendor = report.scanner.vendor?.trim();
  if (vendor) header.scannerVendor = vendor;
  const version = report.scanner.version?.trim();
  if (version) header.scannerVersion = version;
  const generatedAtPath = childPath(basePath, 'generated_at');
  const generatedAt = normaliseTimestamp(report.generated_at, generatedAtPath, context.warnings);
  if (generatedAt !== undefined) Object.assign(header, { generatedAt, generatedAtPath });
  return header;
}
