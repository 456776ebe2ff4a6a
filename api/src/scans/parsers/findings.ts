import type { Finding, ScanReportWarning } from '../../contract/scan.ts';
import type { SelectedCvss } from './cvss.ts';
import { ScanReportError } from './errors.ts';
import { compareSeverity, mapSeverity } from './severity.ts';

/** Maximum number of warnings kept per report. One summary warning counts the rest. */
export const maxWarnings = 100;

/** Warnings of one parse, capped at {@link maxWarnings} so that a report with thousands of skipped entries gives a short list. */
export class ReportWarnings {
  readonly #items: ScanReportWarning[] = [];
  #omitted = 0;

  add(path: string, problem: string): void {
    if (this.#items.length < maxWarnings) this.#items.push({ path, problem });
    else this.#omitted += 1;
  }

  toArray(): ScanReportWarning[] {
    if (this.#omitted === 0) return [...this.#items];
    return [...this.#items, { path: '$', problem: `${this.#omitted} more warnings were omitted` }];
  }
}

/** One vulnerability entry as a format parser read it, before cleaning and merging. */
export interface RawFinding {
  vulnerabilityId: string;
  aliases?: readonly string[] | null | undefined;
  package?: string | null | undefined;
  installedVersion?: string | null | undefined;
  fixedVersion?: string | null | undefined;
  severity?: string | null | undefined;
  cvss?: SelectedCvss | undefined;
  title?: string | null | undefined;
  description?: string | null | undefined;
  /** Candidate links in priority order. Duplicates and non-http(s) links are removed. */
  links?: ReadonlyArray<string | null | undefined>;
  target?: string | null | undefined;
  packageClass?: string | null | undefined;
  packageType?: string | null | undefined;
  purl?: string | null | undefined;
  status?: string | null | undefined;
  dataSource?: string | null | undefined;
}

function optionalText(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

// Only http(s) links are kept because the dashboard renders them as clickable links, where a
// `javascript:` or `data:` URL from an untrusted report would be dangerous.
const webLink = /^https?:\/\/\S+$/i;

// Optional fields are left out rather than set to undefined, so stored JSON has no empty keys.
function assignDefined<K extends keyof Finding>(
  finding: Finding,
  field: K,
  value: Finding[K] | undefined,
): void {
  if (value !== undefined) finding[field] = value;
}

function findingKey(finding: Finding): string {
  return [finding.vulnerabilityId, finding.package, finding.installedVersion, finding.target ?? ''].join(
    '\u0000',
  );
}

function mergeUnique(first: string[], second: string[]): string[] {
  if (second.length === 0) return first;
  return [...new Set([...first, ...second])];
}

const optionalFields = [
  'fixedVersion',
  'title',
  'description',
  'packageClass',
  'packageType',
  'purl',
  'status',
  'dataSource',
] as const;

/**
 * Merges a duplicate into the first finding with the same key. The first entry's values win and a duplicate
 * only fills fields that are missing. The severity becomes the higher of the two, and aliases and
 * links are combined.
 */
function mergeInto(first: Finding, duplicate: Finding): void {
  if (compareSeverity(duplicate.severity, first.severity) > 0) first.severity = duplicate.severity;
  if (first.cvssScore === undefined && duplicate.cvssScore !== undefined) {
    first.cvssScore = duplicate.cvssScore;
    if (duplicate.cvssVector !== undefined) first.cvssVector = duplicate.cvssVector;
  }
  for (const field of optionalFields) {
    if (first[field] === undefined && duplicate[field] !== undefined) first[field] = duplicate[field];
  }
  first.aliases = mergeUnique(first.aliases, duplicate.aliases);
  first.links = mergeUnique(first.links, duplicate.links);
}

/**
 * Cleans findings and merges duplicates (same vulnerability id, package, installed version and
 * target). Counts every entry it receives against `maxFindings`, duplicates included, because the
 * bound limits parsing work.
 */
export class FindingCollector {
  readonly #byKey = new Map<string, Finding>();
  readonly #maxFindings: number;
  readonly #warnings: ReportWarnings;
  #entries = 0;

  constructor(maxFindings: number, warnings: ReportWarnings) {
    this.#maxFindings = maxFindings;
    this.#warnings = warnings;
  }

  add(raw: RawFinding, path: string): void {
    this.#entries += 1;
    if (this.#entries > this.#maxFindings) {
      throw new ScanReportError(
        'too-many-findings',
        path,
        `the report has more than ${this.#maxFindings} findings`,
        `at most ${this.#maxFindings} findings (the configured maximum)`,
      );
    }

    const finding = this.#clean(raw, path);
    const key = findingKey(finding);
    const existing = this.#byKey.get(key);
    if (existing === undefined) this.#byKey.set(key, finding);
    else mergeInto(existing, finding);
  }

  findings(): Finding[] {
    return [...this.#byKey.values()];
  }

  #clean(raw: RawFinding, path: string): Finding {
    const { severity, recognised } = mapSeverity(raw.severity);
    if (!recognised) {
      const problem = `severity ${JSON.stringify(raw.severity)} is not a known severity, so it is counted as unknown`;
      this.#warnings.add(path, problem);
    }

    const vulnerabilityId = raw.vulnerabilityId.trim();
    const aliases = [...new Set((raw.aliases ?? []).map((alias) => alias.trim()))].filter(
      (alias) => alias !== '' && alias !== vulnerabilityId,
    );

    const links = new Set<string>();
    for (const link of raw.links ?? []) {
      const trimmed = optionalText(link);
      if (trimmed === undefined) continue;
      if (webLink.test(trimmed)) {
        links.add(trimmed);
      } else {
        const problem = `link ${JSON.stringify(trimmed)} is not an http or https URL, so it was dropped`;
        this.#warnings.add(path, problem);
      }
    }

    const finding: Finding = {
      vulnerabilityId,
      aliases,
      package: optionalText(raw.package) ?? '',
      installedVersion: optionalText(raw.installedVersion) ?? '',
      severity,
      links: [...links],
    };
    assignDefined(finding, 'fixedVersion', optionalText(raw.fixedVersion));
    assignDefined(finding, 'cvssScore', raw.cvss?.score);
    assignDefined(finding, 'cvssVector', raw.cvss?.vector);
    assignDefined(finding, 'title', optionalText(raw.title));
    assignDefined(finding, 'description', optionalText(raw.description));
    assignDefined(finding, 'target', optionalText(raw.target));
    assignDefined(finding, 'packageClass', optionalText(raw.packageClass));
    assignDefined(finding, 'packageType', optionalText(raw.packageType));
    assignDefined(finding, 'purl', optionalText(raw.purl));
    assignDefined(finding, 'status', optionalText(raw.status));
    assignDefined(finding, 'dataSource', optionalText(raw.dataSource));
    return finding;
  }
}
