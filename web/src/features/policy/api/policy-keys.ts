/** Query keys of the trust policy; only the queryOptions factories in this folder use them. */
export const policyKeys = {
  all: ['policy'] as const,
  current: () => ['policy', 'current'] as const,
  version: (version: number) => ['policy', 'versions', version] as const,
  history: () => ['policy', 'versions'] as const,
  exports: () => ['policy', 'exports'] as const,
};
