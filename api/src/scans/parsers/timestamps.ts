import type { ReportWarnings } from './findings.ts';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Converts a report timestamp to ISO 8601 in UTC with millisecond precision. Numbers are read as
 * Unix seconds. Returns undefined, with a warning, for text that is not an ISO 8601 date and time
 * and for Go's zero time (year 1), which Go's JSON encoder writes for a time.Time that was never set.
 */
export function normaliseTimestamp(
  value: string | number | null | undefined,
  path: string,
  warnings: ReportWarnings,
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;

  let date: Date | undefined;
  if (typeof value === 'number') date = new Date(value * 1000);
  else if (isoTimestamp.test(value)) date = new Date(value);

  if (date === undefined || Number.isNaN(date.getTime())) {
    warnings.add(
      path,
      `timestamp ${JSON.stringify(value)} is not an ISO 8601 date and time, so it was ignored`,
    );
    return undefined;
  }
  if (date.getUTCFullYear() <= 1) {
    warnings.add(path, `timestamp ${JSON.stringify(value)} is the zero time, so it was ignored`);
    return undefined;
  }
  return date.toISOString();
}
