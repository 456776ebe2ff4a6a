import { isApiError } from '@/lib/api-client';

/**
 * Collects the field messages of an `invalid-input` error (`details: [{ path, message }]`), keyed by
 * the top-level field, so that `scope.2` is shown under the scope field. The first message wins.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.failure.kind !== 'api' || error.failure.code !== 'invalid-input') return {};
  const details = error.failure.details;
  if (!Array.isArray(details)) return {};
  const fields: Record<string, string> = {};
  for (const detail of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail.path !== 'string' || typeof detail.message !== 'string') continue;
    const [field = detail.path, index] = detail.path.split('.');
    fields[field] ??= index === undefined ? detail.message : `Entry ${Number(index) + 1}: ${detail.message}`;
  }
  return fields;
}

/** Words a failed change: the server's own message, or what to do when no response arrived. */
export function changeErrorMessage(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const failure = error.failure;
  if (failure.kind === 'network')
    return 'Assay’s server could not be reached. Check your connection and try again.';
  if (failure.kind === 'api' && failure.code === 'unauthenticated')
    return 'Your session has ended. Sign in again.';
  if (failure.kind === 'api' && failure.code === 'forbidden')
    return 'Only administrators can change signers.';
  return failure.message;
}

/** Splits a scope text box, one repository prefix a line, into its entries. */
export function scopeEntries(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Turns a date input value (`2026-12-31`) into the end of that day in UTC, or undefined when empty. */
export function endOfDayUtc(date: string): string | undefined {
  return date === '' ? undefined : `${date}T23:59:59Z`;
}

/** Today's date in UTC as a date input value (`2026-12-31`), the earliest day an expiry can be set to. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Checks whether pasted text contains a PEM private key block, which the form must never send. */
export function containsPrivateKey(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text);
}
