import { severities, type Severity } from '../../contract/scan.ts';

const severityByName = new Map<string, Severity>(severities.map((severity) => [severity, severity]));

/**
 * Maps a scanner's severity string to a Severity, ignoring case.
 * `None`, an empty string and names outside the scale map to `unknown`, so the finding is kept.
 * `recognised` is false for a non-empty name other than `none` that is not on the scale.
 */
export function mapSeverity(name: string | null | undefined): { severity: Severity; recognised: boolean } {
  const key = (name ?? '').trim().toLowerCase();
  const severity = severityByName.get(key);
  if (severity !== undefined) return { severity, recognised: true };
  return { severity: 'unknown', recognised: key === '' || key === 'none' };
}

/** Orders severities from least to most severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severities.indexOf(a) - severities.indexOf(b);
}
