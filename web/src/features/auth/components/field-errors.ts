import { isApiError } from '@/lib/api-client';

/** Field messages from an `invalid-input` error (`details: [{ path, message }]`), keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.failure.kind !== 'api' || error.failure.code !== 'invalid-input') return {};
  const details = error.failure.details;
  if (!Array.isArray(details)) return {};
  const result: Record<string, string> = {};
  for (const detail of details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail.path === 'string' && typeof detail.message === 'string') {
      result[detail.path.split('.')[0] ?? detail.path] ??= detail.message;
    }
  }
  return result;
}

/** The server's message for a failed form submission, or a generic one for network and unreadable failures. */
export function formErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    const failure = error.failure;
    if (failure.kind === 'api') return failure.message;
    if (failure.kind === 'network')
      return 'Assay’s server could not be reached. Check your connection and try again.';
  }
  return 'Something went wrong. Try again.';
}
