/**
 * Reads a `Retry-After` value (RFC 9110 section 10.2.3): whole seconds or an HTTP date.
 * Returns the wait in milliseconds (0 for a date in the past), or undefined when the header is
 * missing or invalid.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();

  if (/^\d+$/.test(text)) return Number(text) * 1000;

  // Every HTTP-date form starts with a day name, and Date.parse alone would also take "-1" as a year.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
