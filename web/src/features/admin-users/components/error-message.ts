import { isApiError } from '@/lib/api-client';

/** The API's message for a failed admin action; it names what was wrong and what is valid. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.failure.message;
  return error instanceof Error ? error.message : String(error);
}
