import { format, formatDistanceToNow, isValid, parseISO } from 'date-fns';

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/** Formats a byte count in decimal units (1 kB = 1000 bytes). */
export function formatBytes(bytes: number, locale = 'en'): string {
  // Intl writes the short byte unit as "byte" even for plural values, so bytes get their own wording.
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes;
  let unitIndex = 0;
  while (value >= 1000 && unitIndex < byteUnits.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[unitIndex],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

export interface FormattedTime {
  /** For example "3 days ago". */
  relative: string;
  /** For example "2025-03-14 09:26 UTC+01:00", in the browser's time zone. */
  absolute: string;
  iso: string;
}

/** Formats an ISO 8601 timestamp both ways; returns undefined when it does not parse. */
export function formatTime(iso: string, now: Date = new Date()): FormattedTime | undefined {
  const date = parseISO(iso);
  if (!isValid(date)) return undefined;
  return {
    relative: date > now ? format(date, 'PP') : formatDistanceToNow(date, { addSuffix: true }),
    absolute: format(date, "yyyy-MM-dd HH:mm 'UTC'xxx"),
    iso,
  };
}

/** Shortens a digest for display (`sha256:0123456789ab…`); the full value stays available for copying. */
export function shortDigest(digest: string, hexLength = 12): string {
  const [algorithm, hex] = digest.split(':', 2);
  if (!hex || hex.length <= hexLength) return digest;
  return `${algorithm}:${hex.slice(0, hexLength)}…`;
}
