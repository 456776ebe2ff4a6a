import { z } from 'zod';
import { normaliseMimeType, readableReportMimeTypes } from './harbor-mime-types.ts';
import { ScannerError } from './scanner-error.ts';

/** Body of `GET /api/v1/metadata`. */
export const metadataSchema = z.object({
  scanner: z.object({ name: z.string(), vendor: z.string().optional(), version: z.string().optional() }),
  capabilities: z.array(
    z.object({
      consumes_mime_types: z.array(z.string()),
      produces_mime_types: z.array(z.string()),
    }),
  ),
  properties: z.record(z.string(), z.string()).optional(),
});
export type ScannerMetadata = z.infer<typeof metadataSchema>;

/** Property in which adapters publish when their vulnerability database was last updated. */
export const databaseUpdatedAtProperty = 'harbor.scanner-adapter/vulnerability-database-updated-at';

/**
 * Chooses the report type to request: version 1.1 when the scanner produces it for the artifact's
 * media type, else 1.0. Throws `unsupported-artifact` when the scanner does not consume the media
 * type or produces no report type that Assay reads. Adapters may list several capabilities for one
 * media type (harbor-scanner-trivy lists a vulnerability and an SBOM capability), so all are searched.
 */
export function chooseReportMimeType(
  metadata: ScannerMetadata,
  artifactMimeType: string,
  endpoint: string,
): string {
  const artifactType = normaliseMimeType(artifactMimeType);
  const capabilities = metadata.capabilities.filter((candidate) =>
    candidate.consumes_mime_types.some((type) => normaliseMimeType(type) === artifactType),
  );
  if (capabilities.length === 0) {
    const accepted = metadata.capabilities.flatMap((candidate) => candidate.consumes_mime_types);
    throw new ScannerError(
      'unsupported-artifact',
      endpoint,
      `Scanner ${metadata.scanner.name} does not scan ${artifactMimeType}; it accepts ${accepted.join(', ') || 'nothing'}`,
    );
  }

  const producedTypes = capabilities.flatMap((capability) => capability.produces_mime_types);
  const produced = new Set(producedTypes.map(normaliseMimeType));
  const readable = readableReportMimeTypes.find((type) => produced.has(normaliseMimeType(type)));
  if (readable === undefined) {
    throw new ScannerError(
      'unsupported-artifact',
      endpoint,
      `Scanner ${metadata.scanner.name} produces ${producedTypes.join(', ')} for ${artifactMimeType}, ` +
        `none of which Assay reads; expected ${readableReportMimeTypes.join(' or ')}`,
    );
  }
  return readable;
}
