import { z } from 'zod';
import { signatureStateSchema } from './signature.ts';
import { imageDetailsSchema, resolutionStatusSchema } from './image.ts';
import { manifestFormatSchema, manifestWarningSchema, normalisedManifestSchema } from './manifest.ts';
import { scanIndicatorSchema } from './scan.ts';
import { catalogVerdictSchema, verdictSchema } from './verdict.ts';

/** Registry state of a plugin's newest version, as the catalog filter names it. */
export const registryStateSchema = z.enum([
  'resolved',
  'tag-moved',
  'pending',
  'registry-not-configured',
  'not-found',
  'error',
]);
export type RegistryState = z.infer<typeof registryStateSchema>;

export const catalogSortSchema = z.enum(['relevance', 'name', 'updated', 'versions', 'rating', 'verdict']);
export type CatalogSort = z.infer<typeof catalogSortSchema>;

export const maxPageSize = 100;

/** Query of `GET /api/v1/plugins`. List filters repeat the parameter (`inputType=collection&inputType=csvCollection`). */
export const catalogQuerySchema = z.object({
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  inputType: z.array(z.string().max(100)).max(20).optional(),
  outputType: z.array(z.string().max(100)).max(20).optional(),
  institution: z.array(z.string().max(300)).max(20).optional(),
  author: z.array(z.string().max(300)).max(20).optional(),
  registryState: z.array(registryStateSchema).max(10).optional(),
  signatureState: z.array(signatureStateSchema).max(4).optional(),
  /** Verdict of the newest version. */
  verdict: z.array(verdictSchema).max(3).optional(),
  /** `true`: only plugins whose newest version has a scan report without critical findings. */
  noCritical: z.enum(['true', 'false'], { error: 'noCritical must be true or false' }).optional(),
  sort: catalogSortSchema.optional(),
  page: z.coerce
    .number()
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000)
    .optional(),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be 1-${maxPageSize}`)
    .max(maxPageSize, `pageSize must be 1-${maxPageSize}`)
    .optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const pluginSummarySchema = z.object({
  /** Stable plugin identity used in URLs (normalised manifest name). */
  name: z.string(),
  title: z.string(),
  description: z.string(),
  author: z.string(),
  institution: z.string(),
  latestVersion: z.string(),
  versionCount: z.number().int(),
  inputTypes: z.array(z.string()),
  outputTypes: z.array(z.string()),
  registryState: registryStateSchema,
  /** Signature badge of the newest version's current digest. */
  signatureState: signatureStateSchema,
  containerId: z.string(),
  updatedAt: z.string(),
  /** Average stars over each user's latest visible review (two decimals); null before the first review. */
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  /** Trust verdict of the newest version with its reasons; absent until it has been computed. */
  verdict: catalogVerdictSchema.optional(),
  /** Severity counts of the newest version's scan report; absent when it has none. */
  scan: scanIndicatorSchema.optional(),
});
export type PluginSummary = z.infer<typeof pluginSummarySchema>;

export const facetValueSchema = z.object({ value: z.string(), count: z.number().int() });

export const catalogPageSchema = z.object({
  items: z.array(pluginSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    inputTypes: z.array(facetValueSchema),
    outputTypes: z.array(facetValueSchema),
    institutions: z.array(facetValueSchema),
    authors: z.array(facetValueSchema),
    registryStates: z.array(facetValueSchema),
    signatureStates: z.array(facetValueSchema),
    verdicts: z.array(facetValueSchema),
  }),
});
export type CatalogPage = z.infer<typeof catalogPageSchema>;

export const versionSummarySchema = z.object({
  version: z.string(),
  format: manifestFormatSchema,
  containerId: z.string(),
  registryState: registryStateSchema,
  digest: z.string().optional(),
  warningCount: z.number().int(),
  importedAt: z.string(),
  isLatest: z.boolean(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

export const pluginDetailSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  author: z.string(),
  institution: z.string(),
  repository: z.string().optional(),
  website: z.string().optional(),
  citation: z.string().optional(),
  latestVersion: z.string(),
  /** Newest first, by version precedence (semver where it parses, then import time). */
  versions: z.array(versionSummarySchema),
});
export type PluginDetail = z.infer<typeof pluginDetailSchema>;

export const manifestSourceSchema = z.object({
  format: manifestFormatSchema,
  /** Origin of the manifest: a path below the manifest folder, `upload/<plugin>/<file name>`, or a URL. */
  source: z.string(),
  sha256: z.string(),
  warningCount: z.number().int(),
  importedAt: z.string(),
});

export const versionDetailSchema = z.object({
  plugin: z.string(),
  version: z.string(),
  isLatest: z.boolean(),
  manifest: normalisedManifestSchema,
  warnings: z.array(manifestWarningSchema),
  /** Every manifest file that describes this version (for example plugin.json and its ICT companion); the first is shown. */
  sources: z.array(manifestSourceSchema),
  image: imageDetailsSchema,
});
export type VersionDetail = z.infer<typeof versionDetailSchema>;

/** The manifest a version's page shows, as an import's result names it. */
export const shownManifestSchema = z.object({
  source: z.string(),
  /** Kind of source: a file of the manifest folder, an admin's upload or paste, or a URL. */
  origin: z.enum(['folder', 'upload', 'url']),
  format: manifestFormatSchema,
  importedAt: z.string(),
});
export type ShownManifest = z.infer<typeof shownManifestSchema>;

/**
 * Result of an admin's manifest import. `created`: a new version. `updated`: the version's page now
 * shows this manifest, and `changed` names the fields that differ from what it showed before. `added`:
 * stored beside the manifest the page shows (an ICT companion of a WIPP manifest, or the reverse).
 * `unchanged`: an identical manifest was stored already, so nothing was written.
 */
export const manifestImportOutcomeSchema = z.object({
  status: z.enum(['created', 'updated', 'added', 'unchanged']),
  plugin: z.string(),
  version: z.string(),
  warnings: z.array(manifestWarningSchema),
  shown: shownManifestSchema,
  /** Top-level manifest fields (`title`, `containerId`, `inputs`, ...) whose values changed; empty unless `updated`. */
  changed: z.array(z.string()),
});
export type ManifestImportOutcome = z.infer<typeof manifestImportOutcomeSchema>;

/** `details` of the 409 that rejects an import for an existing version: what the page shows and what differs. */
export const manifestImportConflictSchema = z.object({
  plugin: z.string(),
  version: z.string(),
  shown: shownManifestSchema,
  /** Top-level manifest fields whose values differ between the shown and the imported manifest. */
  differences: z.array(z.string()),
  /** Present when the imported manifest names another image than the shown one. */
  containerId: z.object({ shown: z.string(), imported: z.string() }).optional(),
});
export type ManifestImportConflict = z.infer<typeof manifestImportConflictSchema>;

export const metaSchema = z.object({
  version: z.string(),
  demo: z.boolean(),
  registries: z.array(z.object({ host: z.string(), kind: z.enum(['http', 'oci-layout']) })),
  database: z.enum(['sqlite', 'postgres']),
});
export type Meta = z.infer<typeof metaSchema>;

export { resolutionStatusSchema };
