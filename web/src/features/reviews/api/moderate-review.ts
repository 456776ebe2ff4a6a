import { reviewSchema, type Review } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { reviewKeys } from './review-keys';

export type ModerationAction = 'hide' | 'restore' | 'dismiss-reports';

export interface Moderation {
  id: string;
  action: ModerationAction;
  /** Required to hide; shown to the review's author. */
  reason?: string;
}

export function moderateReview(client: ApiClient, { id, action, reason }: Moderation): Promise<Review> {
  return client.sendJson('POST', `/reviews/${encodeURIComponent(id)}/${action}`, {
    body: reason ? { reason } : {},
    schema: reviewSchema,
  });
}

export function useModerateReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (moderation: Moderation) => moderateReview(apiClient, moderation),
    onSuccess: async (review) => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.moderation() });
      await queryClient.invalidateQueries({ queryKey: reviewKeys.plugin(review.plugin) });
    },
  });
}
