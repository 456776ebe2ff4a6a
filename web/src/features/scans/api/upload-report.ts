import { scanReportInfoSchema, type ScanReportInfo } from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, type ApiClient } from '@/lib/api-client';
import { scanApiPath, scanKeys } from './scan-keys';

export interface ReportUpload {
  file: File;
  /** A platform manifest of a multi-platform image that the report describes. */
  platformDigest?: string;
}

export function uploadReport(
  client: ApiClient,
  name: string,
  version: string,
  upload: ReportUpload,
): Promise<ScanReportInfo> {
  const form = new FormData();
  if (upload.platformDigest) form.append('platformDigest', upload.platformDigest);
  form.append('report', upload.file, upload.file.name);
  return client.sendJson('POST', `${scanApiPath(name, version)}/upload`, {
    body: form,
    schema: scanReportInfoSchema,
  });
}

export function useUploadReport(name: string, version: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upload: ReportUpload) => uploadReport(apiClient, name, version, upload),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scanKeys.overview(name, version) }),
  });
}
