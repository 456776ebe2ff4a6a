import type { ReviewListQuery } from '@assay/api/contract';

/**
 * Query keys of reviews, under the plugin's key so that refreshing a plugin refreshes its reviews; a
 * review change invalidates `plugin(name)` (lists and ratings) and the moderation queue.
 */
export const reviewKeys = {
  plugin: (name: string) => ['plugins', name, 'reviews'] as const,
  list: (name: string, query: ReviewListQuery) => ['plugins', name, 'reviews', 'list', query] as const,
  ratings: (name: string) => ['plugins', name, 'reviews', 'ratings'] as const,
  moderation: () => ['moderation'] as const,
  moderationPage: (status: string, page: number) => ['moderation', status, page] as const,
};

export function pluginReviewsPath(name: string): string {
  return `/plugins/${encodeURIComponent(name)}`;
}
