import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanApiPath } from './scan-keys';

/** Deletes a report an administrator uploaded; other reports cannot be deleted (409). */
export async function deleteReport(
  client: ApiClient,
  name: string,
  version: string,
  reportId: string,
): Promise<void> {
  await client.sendJson('DELETE', `${scanApiPath(name, version)}/reports/${encodeURIComponent(reportId)}`);
}

export function useDeleteReport(name: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reportId: string) => deleteReport(apiClient, name, version, reportId),
    // The plugin's verdict, catalog indicator and comparisons may all have shown the deleted report.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plugins'] }),
  });
}
