import { submittedReviewSchema, type SubmitReviewBody, type SubmittedReview } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { pluginReviewsPath, reviewKeys } from './review-keys';

export function submitReview(
  client: ApiClient,
  target: { plugin: string; version: string },
  body: SubmitReviewBody,
): Promise<SubmittedReview> {
  const path = `${pluginReviewsPath(target.plugin)}/versions/${encodeURIComponent(target.version)}/reviews`;
  return client.sendJson('POST', path, { body, schema: submittedReviewSchema });
}

/** Creates or edits the viewer's review of a version; the catalog's rating changes too. */
export function useSubmitReview(plugin: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitReviewBody) => submitReview(apiClient, { plugin, version }, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.plugin(plugin) });
      // The catalog's ratings changed too; it refetches when shown again rather than now.
      await queryClient.invalidateQueries({ queryKey: ['plugins'], refetchType: 'none' });
    },
  });
}
