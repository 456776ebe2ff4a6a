import { z } from 'zod';
import type { ParseContext, ReportHeader } from './context.ts';
import { selectCvss } from './cvss.ts';
import { childPath, errorFromZod, ScanReportError } from './errors.ts';
import { normaliseTimestamp } from './timestamps.ts';

// Trivy writes `null` for empty lists and omits empty fields, so every field is nullish.
// Unknown fields (Layer, Fingerprint, VendorSeverity, ...) are ignored.
const cvssEntrySchema = z.object({
  V2Score: z.number().nullish(),
  V2Vector: z.string().nullish(),
  V3Score: z.number().nullish(),
  V3Vector: z.string().nullish(),
});

const vulnerabilitySchema = z.object({
  VulnerabilityID: z.string().nullish(),
  VendorIDs: z.array(z.string()).nullish(),
  PkgName: z.string().nullish(),
  PkgIdentifier: z.object({ PURL: z.string().nullish() }).nullish(),
  InstalledVersion: z.string().nullish(),
  FixedVersion: z.string().nullish(),
  Status: z.string().nullish(),
  Severity: z.string().nullish(),
  PrimaryURL: z.string().nullish(),
  DataSource: z.object({ Name: z.string().nullish(), ID: z.string().nullish() }).nullish(),
  Title: z.string().nullish(),
  Description: z.string().nullish(),
  References: z.array(z.string()).nullish(),
  CVSS: z.record(z.string(), cvssEntrySchema).nullish(),
});

const resultSchema = z.object({
  Target: z.string().nullish(),
  Class: z.string().nullish(),
  Type: z.string().nullish(),
  Vulnerabilities: z.array(vulnerabilitySchema).nullish(),
});
type TrivyResult = z.infer<typeof resultSchema>;

const legacyReportSchema = z.array(resultSchema).nullable();

const reportSchema = z.object({
  SchemaVersion: z.literal(2, 'SchemaVersion must be 2'),
  CreatedAt: z.union([z.string(), z.number()]).nullish(),
  Trivy: z.object({ Version: z.string().nullish() }).nullish(),
  ArtifactName: z.string().nullish(),
  Metadata: z.object({ RepoDigests: z.array(z.string()).nullish() }).nullish(),
  Results: z.array(resultSchema).nullish(),
});
export type TrivyReport = z.infer<typeof reportSchema>;

/** Feeds every vulnerability of the Trivy results into the collector. `basePath` is the JSON path of the results array. */
function collectResults(results: TrivyResult[], basePath: string, context: ParseContext): void {
  results.forEach((result, resultIndex) => {
    const resultPath = childPath(basePath, resultIndex);
    const vulnerabilitiesPath = childPath(resultPath, 'Vulnerabilities');

    (result.Vulnerabilities ?? []).forEach((vulnerability, index) => {
      const path = childPath(vulnerabilitiesPath, index);
      const vulnerabilityId = vulnerability.VulnerabilityID?.trim() ?? '';
      if (vulnerabilityId === '') {
        const entry = vulnerability.PkgName ? `the entry for package ${vulnerability.PkgName}` : 'the entry';
        context.warnings.add(path, `${entry} has no VulnerabilityID, so it was skipped`);
        return;
      }

      context.collector.add(
        {
          vulnerabilityId,
          aliases: vulnerability.VendorIDs,
          package: vulnerability.PkgName,
          installedVersion: vulnerability.InstalledVersion,
          fixedVersion: vulnerability.FixedVersion,
          severity: vulnerability.Severity,
          cvss: selectCvss(undefined, vulnerability.CVSS),
          title: vulnerability.Title,
          description: vulnerability.Description,
          links: [vulnerability.PrimaryURL, ...(vulnerability.References ?? [])],
          target: result.Target,
          packageClass: result.Class,
          packageType: result.Type,
          purl: vulnerability.PkgIdentifier?.PURL,
          status: vulnerability.Status,
          dataSource: vulnerability.DataSource?.Name ?? vulnerability.DataSource?.ID,
        },
        path,
      );
    });
  });
}

/**
 * Validates a Trivy JSON report (`SchemaVersion: 2`) found at `basePath` and collects its findings.
 * Warns when the report lists repository digests and none of them is the expected digest.
 */
export function readTrivyReport(json: unknown, basePath: string, context: ParseContext): TrivyReport {
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const versionIssue = parsed.error.issues.find((issue) => issue.path[0] === 'SchemaVersion');
    if (versionIssue !== undefined) {
      const version = (json as { SchemaVersion?: unknown }).SchemaVersion;
      throw new ScanReportError(
        'unsupported-version',
        childPath(basePath, 'SchemaVersion'),
        version === undefined
          ? 'the Trivy report has no SchemaVersion'
          : `Trivy SchemaVersion ${JSON.stringify(version)} is not supported`,
        'SchemaVersion 2, or a legacy report that is a top-level array',
      );
    }
    throw errorFromZod(parsed.error, basePath, json);
  }

  const report = parsed.data;
  const repoDigests = report.Metadata?.RepoDigests ?? [];
  const accepted = context.acceptedDigests ?? [context.digest];
  const names = (digest: string) => repoDigests.some((reference) => reference.endsWith(`@${digest}`));
  if (repoDigests.length > 0 && !accepted.some(names)) {
    const path = childPath(childPath(basePath, 'Metadata'), 'RepoDigests');
    if (context.acceptedDigests !== undefined) {
      throw new ScanReportError(
        'digest-mismatch',
        path,
        `the report is for ${repoDigests.slice(0, 3).join(', ')}, not for this version's image`,
        `a report whose RepoDigests name ${accepted.join(' or ')}`,
      );
    }
    context.warnings.add(
      path,
      `none of the repository digests is ${context.digest}; the report may describe another image or platform`,
    );
  }
  collectResults(report.Results ?? [], childPath(basePath, 'Results'), context);
  return report;
}

/** Parses Trivy JSON with `SchemaVersion: 2`. */
export function parseTrivy(json: unknown, context: ParseContext): ReportHeader {
  const report = readTrivyReport(json, '$', context);
  const header: ReportHeader = { format: 'trivy', scannerName: 'Trivy' };
  const version = report.Trivy?.Version?.trim();
  if (version) header.scannerVersion = version;
  const generatedAt = normaliseTimestamp(report.CreatedAt, '$.CreatedAt', context.warnings);
  if (generatedAt !== undefined) Object.assign(header, { generatedAt, generatedAtPath: '$.CreatedAt' });
  return header;
}

/**
 * Parses legacy Trivy JSON: an array of results, or `null` when nothing was scanned. Trivy wrote
 * this format before version 0.20, which switched to `SchemaVersion: 2`. It states neither the
 * Trivy version nor a time.
 */
export function parseLegacyTrivy(json: unknown, context: ParseContext): ReportHeader {
  const parsed = legacyReportSchema.safeParse(json);
  if (!parsed.success) throw errorFromZod(parsed.error, '$', json);

  collectResults(parsed.data ?? [], '$', context);
  return { format: 'trivy-legacy', scannerName: 'Trivy' };
}
