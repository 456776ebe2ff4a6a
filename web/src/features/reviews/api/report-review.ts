import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient, type ApiClient } from '@/lib/api-client';

const reportedSchema = z.object({ reported: z.literal(true) });

export function reportReview(client: ApiClient, id: string, reason: string): Promise<{ reported: true }> {
  return client.sendJson('POST', `/reviews/${encodeURIComponent(id)}/reports`, {
    body: { reason },
    schema: reportedSchema,
  });
}

export function useReportReview() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => reportReview(apiClient, id, reason),
  });
}
