import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** Decides whether to retry a query, at most twice, and only after a lost connection, a registry timeout or a rate limit. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isApiError(error)) return false;
  const failure = error.failure;
  if (failure.kind === 'network') return true;
  if (failure.kind === 'api') return failure.code === 'upstream-timeout' || failure.code === 'rate-limited';
  return false;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
    },
  });
}
