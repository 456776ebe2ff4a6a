import { z } from 'zod';
import { isDigest } from './digest.ts';
import { RegistryError } from './types.ts';

// Only the fields Assay reads are declared. zod drops the rest, so new spec fields do not break parsing.

export const platformFieldsSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

export const descriptorSchema = z.object({
  mediaType: z.string(),
  digest: z.string().refine(isDigest, 'must be sha256:<64 hex digits> or sha512:<128 hex digits>'),
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
  artifactType: z.string().optional(),
  platform: platformFieldsSchema.optional(),
});

/** OCI image index or Docker manifest list. */
export const imageIndexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageIndex = z.infer<typeof imageIndexSchema>;

/** OCI image manifest or Docker image manifest v2 schema 2. */
export const imageManifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  subject: descriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageManifest = z.infer<typeof imageManifestSchema>;

/** The parts of an image config (OCI or Docker) shown to users. */
export const imageConfigSchema = z.object({
  created: z.string().optional(),
  os: z.string().optional(),
  architecture: z.string().optional(),
  variant: z.string().optional(),
  config: z
    .object({ Labels: z.record(z.string(), z.unknown()).nullable().optional() })
    .nullable()
    .optional(),
});
export type ImageConfig = z.infer<typeof imageConfigSchema>;

/**
 * Validates parsed JSON against a schema; throws RegistryError 'invalid-response' naming the JSON path
 * and the problem, for example `manifests.0.digest must be sha256:...`.
 */
export function parseRegistryJson<T>(
  host: string,
  schema: z.ZodType<T>,
  json: unknown,
  description: string,
): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  throw new RegistryError(
    'invalid-response',
    host,
    `${description} from registry ${host} is invalid at ${path}: ${issue?.message ?? 'unexpected shape'}.`,
  );
}
