import type { Severity } from '../contract/scan.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Shortens a digest to its first 12 hex digits, enough to tell digests apart in a sentence. */
export function shortDigest(digest: string): string {
  const [algorithm, hex = ''] = digest.split(':');
  return `${algorithm}:${hex.slice(0, 12)}`;
}

/** Formats a UTC date such as `2026-01-31`, so messages read the same in every time zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** Whole days between two instants, rounded down. */
export function wholeDays(fromMs: number, toMs: number): number {
  return Math.floor(Math.max(0, toMs - fromMs) / dayMs);
}

export function daysToMs(days: number): number {
  return days * dayMs;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Lists the severities in words, most severe first: `critical or high`. */
export function describeSeverities(severities: readonly Severity[]): string {
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
  const sorted = order.filter((severity) => severities.includes(severity));
  if (sorted.length <= 1) return sorted.join('');
  return `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]}`;
}

/** Describes what the policy counts against an image, such as `critical findings that have a fix`. */
export function describeFailingFindings(severities: readonly Severity[], fixableOnly: boolean): string {
  if (severities.length === 0) return 'no findings';
  return `${describeSeverities(severities)} findings${fixableOnly ? ' that have a fix' : ''}`;
}
