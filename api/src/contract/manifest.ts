import { z } from 'zod';

/** Manifest dialects that Assay reads; each normalises into {@link normalisedManifestSchema}. */
export const manifestFormatSchema = z.enum(['wipp', 'wipp-polus', 'wipp-dict', 'ict']);
export type ManifestFormat = z.infer<typeof manifestFormatSchema>;

/** A deviation from the schema that Assay tolerated while normalising. */
export const manifestWarningSchema = z.object({
  /** JSON path into the original document, for example `$.inputs[2].type`. */
  path: z.string(),
  /** What is wrong, in one sentence. */
  problem: z.string(),
  /** What the schema allows at that path, when that can be said briefly. */
  expected: z.string().optional(),
});
export type ManifestWarning = z.infer<typeof manifestWarningSchema>;

/** A reason a manifest could not be understood at all. */
export const manifestErrorSchema = z.object({
  file: z.string().optional(),
  path: z.string(),
  problem: z.string(),
  expected: z.string().optional(),
  /** 1-based line of a JSON or YAML syntax error. */
  line: z.number().int().optional(),
  /** 1-based column of a JSON or YAML syntax error. */
  column: z.number().int().optional(),
});
export type ManifestError = z.infer<typeof manifestErrorSchema>;

/**
 * A UI condition, parsed from the dialects found in real manifests
 * (`model.inputs.x=='A'`, `inputs.x==A`, `... or ...`, `==['A','B']`, `[...].includes(model.inputs.x)`,
 * and lists of conditions). `input` is the input name without any `model.inputs.` prefix. An `equals`
 * node holds when the input's value is one of `values`, or is none of them when `negate` is set (`!=`).
 */
export type UiCondition =
  | { kind: 'equals'; input: string; values: Array<string | number | boolean>; negate: boolean }
  | { kind: 'and' | 'or'; terms: UiCondition[] };

export const uiConditionSchema: z.ZodType<UiCondition> = z.lazy(() =>
  z.union([
    z.object({
      kind: z.literal('equals'),
      input: z.string(),
      values: z.array(z.union([z.string(), z.number(), z.boolean()])),
      negate: z.boolean(),
    }),
    z.object({ kind: z.enum(['and', 'or']), terms: z.array(uiConditionSchema) }),
  ]),
);

export const pluginInputSchema = z.object({
  name: z.string(),
  /**
   * Normalised type: one of the WIPP types (`collection`, `stitchingVector`, `tensorflowModel`,
   * `csvCollection`, `pyramid`, `pyramidAnnotation`, `notebook`, `genericData`, `string`,
   * `number`, `integer`, `boolean`, `enum`, `array`) or `unknown`.
   */
  type: z.string(),
  /** The type exactly as the manifest wrote it. */
  originalType: z.string(),
  description: z.string(),
  required: z.boolean(),
  default: z.unknown().optional(),
  /**
   * Allowed values: `options.values` of a WIPP input, or the `fields` of an ICT `select` or
   * `multiselect` field. For an `array` input they are the allowed item values.
   */
  options: z.array(z.string()).optional(),
});
export type PluginInput = z.infer<typeof pluginInputSchema>;

export const pluginOutputSchema = z.object({
  name: z.string(),
  type: z.string(),
  originalType: z.string(),
  description: z.string(),
});
export type PluginOutput = z.infer<typeof pluginOutputSchema>;

/** One form field as WIPP renders it, in manifest order. */
export const uiFieldSchema = z.object({
  /** `inputs.<name>` or `outputs.<name>`, as in the manifest. */
  key: z.string(),
  /** The input this field edits, when the key names one. */
  input: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  placeholder: z.string().optional(),
  default: z.unknown().optional(),
  hidden: z.boolean().optional(),
  /** The condition text as written in the manifest. */
  conditionText: z.string().optional(),
  /** The parsed condition; absent when there is none or it could not be parsed (then a warning exists). */
  condition: uiConditionSchema.optional(),
  /** For file-name fields: the input whose collection is browsed. */
  bind: z.string().optional(),
  /** True for a field that Assay added because the manifest's `ui` has no entry for the input. */
  generated: z.boolean().optional(),
});
export type UiField = z.infer<typeof uiFieldSchema>;

export const uiFieldsetSchema = z.object({
  title: z.string(),
  fields: z.array(z.string()),
});

export const resourceRequirementsSchema = z.record(z.string(), z.unknown());

/** The one model every manifest dialect normalises into. */
export const normalisedManifestSchema = z.object({
  format: manifestFormatSchema,
  name: z.string(),
  title: z.string(),
  version: z.string(),
  description: z.string(),
  author: z.string(),
  institution: z.string(),
  repository: z.string().optional(),
  website: z.string().optional(),
  citation: z.string().optional(),
  containerId: z.string(),
  /** WIPP `baseCommand`, or the ICT `entrypoint` split into words. */
  baseCommand: z.array(z.string()).optional(),
  inputs: z.array(pluginInputSchema),
  outputs: z.array(pluginOutputSchema),
  ui: z.array(uiFieldSchema),
  fieldsets: z.array(uiFieldsetSchema).optional(),
  /** WIPP `resourceRequirements` or ICT `hardware`, verbatim. */
  resourceRequirements: resourceRequirementsSchema.optional(),
  /** ICT `contact`: an e-mail address or a URL. */
  contact: z.string().optional(),
  /** ICT `specVersion`: the version of the ICT specification the manifest follows. */
  specVersion: z.string().optional(),
  /** Top-level keys the schema does not define (`validators`, `runCommand`, `authors`, ...), kept verbatim. */
  extra: z.record(z.string(), z.unknown()),
});
export type NormalisedManifest = z.infer<typeof normalisedManifestSchema>;
