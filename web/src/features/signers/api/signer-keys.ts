import type { SignerListQuery } from '@assay/api/contract';
import type { QueryClient } from '@tanstack/react-query';

/**
 * Query keys of signers. A signer change also invalidates `['plugins']`, because plugin badges and
 * signature panels show signer statuses.
 */
export const signerKeys = {
  all: ['signers'] as const,
  list: (query: SignerListQuery) => ['signers', { list: query }] as const,
  detail: (id: string) => ['signers', id] as const,
};

export function signerApiPath(id: string): string {
  return `/signers/${encodeURIComponent(id)}`;
}

/** Refreshes everything a signer change can alter: signer pages, plugin badges and signature panels. */
export async function afterSignerChange(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: signerKeys.all }),
    queryClient.invalidateQueries({ queryKey: ['plugins'] }),
  ]);
}
