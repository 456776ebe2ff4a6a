import {
  manifestErrorSchema,
  manifestImportConflictSchema,
  manifestImportOutcomeSchema,
  type ManifestError,
  type ManifestImportConflict,
  type ManifestImportOutcome,
} from '@assay/api/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient, isApiError, type ApiClient } from '@/lib/api-client';

export type ImportOutcome = ManifestImportOutcome;

/** Sends a manifest file's own bytes; the API stores the file name as the manifest's source. */
export function importManifestFile(client: ApiClient, file: Blob, fileName: string): Promise<ImportOutcome> {
  return client.sendJson('POST', `/manifests?fileName=${encodeURIComponent(fileName)}`, {
    body: file,
    schema: manifestImportOutcomeSchema,
  });
}

export function importManifestFromUrl(client: ApiClient, url: string): Promise<ImportOutcome> {
  return client.sendJson('POST', '/manifests/from-url', {
    body: { url },
    schema: manifestImportOutcomeSchema,
  });
}

export type ImportRequest = { kind: 'file'; file: Blob; fileName: string } | { kind: 'url'; url: string };

export function useImportManifest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      request.kind === 'file'
        ? importManifestFile(apiClient, request.file, request.fileName)
        : importManifestFromUrl(apiClient, request.url),
    // A new or changed version changes the catalog and that plugin's pages.
    onSuccess: (outcome) => queryClient.invalidateQueries({ queryKey: ['plugins'] }).then(() => outcome),
  });
}

/** The manifest errors (path, problem, what is valid) that a rejected import carries, if any. */
export function manifestErrorsOf(error: unknown): ManifestError[] {
  if (!isApiError(error) || error.failure.kind !== 'api') return [];
  const details = z.object({ errors: z.array(manifestErrorSchema) }).safeParse(error.failure.details);
  return details.success ? details.data.errors : [];
}

/** Reads the details of the 409 for an existing version: the manifest its page shows and the fields that differ. */
export function importConflictOf(error: unknown): ManifestImportConflict | undefined {
  if (!isApiError(error) || error.failure.kind !== 'api' || error.failure.code !== 'conflict')
    return undefined;
  const details = manifestImportConflictSchema.safeParse(error.failure.details);
  return details.success ? details.data : undefined;
}
