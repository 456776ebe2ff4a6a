import type { ManifestFormat, NormalisedManifest } from '../contract/manifest.ts';
import type { Diagnostics } from './diagnostics.ts';
import { linkForm } from './form.ts';
import {
  checkTagMatchesVersion,
  imageTag,
  readImageReference,
  readName,
  readTitle,
  readUrl,
  readVersion,
  type SourceText,
} from './identity.ts';
import {
  assignDefined,
  joinNames,
  quote,
  readStringList,
  readText,
  type JsonObject,
  readOptionalObject,
} from './values.ts';
import { readWippInputs, readWippOutputs } from './wipp-io.ts';
import { readWippUi } from './wipp-ui.ts';

// Top-level keys of the 2020 WIPP schema and of PolusAI's newer copy.
const schemaKeys = new Set([
  'name',
  'version',
  'title',
  'description',
  'author',
  'institution',
  'repository',
  'website',
  'citation',
  'containerId',
  'baseCommand',
  'resourceRequirements',
  'inputs',
  'outputs',
  'ui',
]);

// Keys that PolusAI's tooling writes on purpose (form validators, the pre-baseCommand run command):
// kept in `extra` without a warning.
const wellKnownExtras = new Set(['validators', 'runCommand']);

/** Normalises a WIPP manifest (official, PolusAI or dict-keyed shape); undefined when it has errors. */
export function normaliseWipp(
  doc: JsonObject,
  format: ManifestFormat,
  sourceText: SourceText,
  diagnostics: Diagnostics,
): NormalisedManifest | undefined {
  const name = readName(doc, 'name', diagnostics);
  const containerId = readImageReference(doc, 'containerId', diagnostics);
  const version = readVersion(
    doc,
    containerId === undefined ? undefined : imageTag(containerId),
    sourceText,
    diagnostics,
  );
  if (name === undefined || containerId === undefined || version === undefined) {
    return undefined;
  }
  checkTagMatchesVersion('containerId', containerId, version, diagnostics);

  const inputs = readWippInputs(doc, format, diagnostics);
  const outputs = readWippOutputs(doc, format, diagnostics);
  const ui = readWippUi(doc, format, new Set(inputs.map((draft) => draft.input.name)), diagnostics);
  const fields = linkForm(inputs, outputs, ui.fields, diagnostics);

  const manifest: NormalisedManifest = {
    format,
    name,
    title: readTitle(doc, name, diagnostics, { required: true }),
    version,
    description: readText(doc, 'description', [], diagnostics, { required: true }) ?? '',
    author: readAuthor(doc, diagnostics),
    institution: readText(doc, 'institution', [], diagnostics, { nullable: true }) ?? '',
    containerId,
    inputs: inputs.map((draft) => draft.input),
    outputs: outputs.map((draft) => draft.output),
    ui: fields,
    extra: readExtra(doc, diagnostics),
  };
  assignDefined(manifest, {
    repository: readUrl(doc, 'repository', diagnostics),
    website: readUrl(doc, 'website', diagnostics),
    citation: readText(doc, 'citation', [], diagnostics, { nullable: true }) || undefined,
    baseCommand: readStringList(doc.baseCommand, ['baseCommand'], diagnostics, 'baseCommand'),
    resourceRequirements: readOptionalObject(
      doc,
      'resourceRequirements',
      'an object such as { "ramMin": 2048, "gpu": true }',
      diagnostics,
    ),
    fieldsets: ui.fieldsets,
  });
  return manifest;
}

/**
 * Reads `author`, a string in the schema. A list of names is joined, and an `authors` key (not in
 * the schema) is used when `author` is absent.
 */
function readAuthor(doc: JsonObject, diagnostics: Diagnostics): string {
  if (doc.author === undefined && doc.authors !== undefined) {
    const authors = joinNames(doc.authors);
    diagnostics.warn(
      ['authors'],
      `authors is not a key of the WIPP schema; it is read as author${authors === undefined ? ', but it is not text' : ''}.`,
      'author, a string',
    );
    return authors ?? '';
  }
  if (Array.isArray(doc.author)) {
    diagnostics.warn(
      ['author'],
      'author is a list; the WIPP schema expects one string, so the names are joined with commas.',
      'a string',
    );
    return joinNames(doc.author) ?? '';
  }
  return readText(doc, 'author', [], diagnostics, { nullable: true }) ?? '';
}

function readExtra(doc: JsonObject, diagnostics: Diagnostics): Record<string, unknown> {
  const extra: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(doc)) {
    if (schemaKeys.has(key)) continue;
    extra.push([key, value]);
    // `authors` already has its own warning when it is read in place of `author`.
    const readAsAuthor = key === 'authors' && doc.author === undefined;
    if (!wellKnownExtras.has(key) && !readAsAuthor) {
      diagnostics.warn(
        [key],
        `key ${quote(key)} is not part of the WIPP manifest schema; it is kept as extra data.`,
        `one of ${[...schemaKeys].join(', ')}`,
      );
    }
  }
  return Object.fromEntries(extra);
}
