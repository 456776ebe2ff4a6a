import type { NormalisedManifest } from '../contract/manifest.ts';
import type { Diagnostics } from './diagnostics.ts';
import { linkForm } from './form.ts';
import { readIctInputs, readIctOutputs } from './ict-io.ts';
import { readIctUi, refineInputsFromUi } from './ict-ui.ts';
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
  describeType,
  joinNames,
  quote,
  readText,
  type JsonObject,
  readOptionalObject,
} from './values.ts';

// Top-level keys of the ICT specification's schema.
const schemaKeys = new Set([
  'specVersion',
  'name',
  'version',
  'container',
  'entrypoint',
  'title',
  'description',
  'author',
  'contact',
  'repository',
  'documentation',
  'citation',
  'inputs',
  'outputs',
  'ui',
  'hardware',
]);

/** Normalises an ICT (Image Computing Tool) manifest; undefined when it has errors. */
export function normaliseIct(
  doc: JsonObject,
  sourceText: SourceText,
  diagnostics: Diagnostics,
): NormalisedManifest | undefined {
  const name = readName(doc, 'name', diagnostics);
  const container = readImageReference(doc, 'container', diagnostics);
  const version = readVersion(
    doc,
    container === undefined ? undefined : imageTag(container),
    sourceText,
    diagnostics,
  );
  if (name === undefined || container === undefined || version === undefined) {
    return undefined;
  }
  checkTagMatchesVersion('container', container, version, diagnostics);

  const inputs = readIctInputs(doc, diagnostics);
  const outputs = readIctOutputs(doc, diagnostics);
  const uiFields = readIctUi(doc, diagnostics);
  refineInputsFromUi(inputs, uiFields);
  const ui = linkForm(
    inputs,
    outputs,
    uiFields.map((field) => field.draft),
    diagnostics,
  );

  const manifest: NormalisedManifest = {
    format: 'ict',
    name,
    title: readTitle(doc, name, diagnostics, { required: false }),
    version,
    description: readText(doc, 'description', [], diagnostics, { nullable: true }) ?? '',
    author: readAuthors(doc, diagnostics),
    institution: '',
    containerId: container,
    inputs: inputs.map((draft) => draft.input),
    outputs: outputs.map((draft) => draft.output),
    ui,
    extra: readExtra(doc, diagnostics),
  };
  assignDefined(manifest, {
    specVersion: readSpecVersion(doc, sourceText, diagnostics),
    baseCommand: readEntrypoint(doc, diagnostics),
    contact: readContact(doc, diagnostics),
    repository: readUrl(doc, 'repository', diagnostics, { required: true }),
    website: readUrl(doc, 'documentation', diagnostics),
    citation: readText(doc, 'citation', [], diagnostics, { nullable: true }) || undefined,
    resourceRequirements: readOptionalObject(
      doc,
      'hardware',
      'an object with cpu, memory and gpu',
      diagnostics,
    ),
  });
  return manifest;
}

function readSpecVersion(
  doc: JsonObject,
  sourceText: SourceText,
  diagnostics: Diagnostics,
): string | undefined {
  if (typeof doc.specVersion === 'number') {
    const written = sourceText(['specVersion']) ?? String(doc.specVersion);
    diagnostics.warn(
      ['specVersion'],
      `specVersion is a number, not a string; it is read as '${written}'.`,
      'a string such as "1.0.0"',
    );
    return written;
  }
  return readText(doc, 'specVersion', [], diagnostics, { required: true, nonEmpty: true });
}

/** Reads `author`, a list of names in ICT; a single string is accepted with a warning. */
function readAuthors(doc: JsonObject, diagnostics: Diagnostics): string {
  const value = doc.author;
  if (value === undefined || value === null) {
    diagnostics.warn(['author'], `author is ${value === null ? 'null' : 'missing'}.`, 'a list of names');
    return '';
  }
  if (typeof value === 'string') {
    diagnostics.warn(
      ['author'],
      'author is a single string; ICT expects a list of names.',
      'a list of names',
    );
    return value;
  }
  const joined = joinNames(value);
  if (joined === undefined) {
    diagnostics.warn(
      ['author'],
      `author is ${describeType(value)} that is not a list of names; it is ignored.`,
      'a list of names',
    );
    return '';
  }
  return joined;
}

/**
 * Reads `entrypoint` into a command line. Real files also write a list, or a list flattened into
 * a string (`'[python3, -m, module]'`); both are read with a warning.
 */
function readEntrypoint(doc: JsonObject, diagnostics: Diagnostics): string[] | undefined {
  const value = doc.entrypoint;
  const expected = 'a command such as "python3 -m package.module"';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    diagnostics.warn(['entrypoint'], 'entrypoint is a list; ICT expects one string.', expected);
    return value;
  }
  const text = readText(doc, 'entrypoint', [], diagnostics, { required: true, nonEmpty: true });
  if (text === undefined) {
    return undefined;
  }
  const listText = /^\s*\[(.*)\]\s*$/s.exec(text);
  if (listText !== null) {
    diagnostics.warn(['entrypoint'], `entrypoint ${quote(text)} is a list written as a string.`, expected);
    return (listText[1] ?? '')
      .split(',')
      .map((item) => item.trim().replace(/^(['"])(.*)\1$/, '$2'))
      .filter((item) => item !== '');
  }
  // NOTE: words are split at white space only; ICT defines no quoting, and no real entrypoint quotes.
  return text.trim().split(/\s+/);
}

function readContact(doc: JsonObject, diagnostics: Diagnostics): string | undefined {
  const contact = readText(doc, 'contact', [], diagnostics, { required: true, nonEmpty: true });
  if (contact !== undefined && !/^[^@\s]+@[^@\s]+$/.test(contact) && !URL.canParse(contact)) {
    diagnostics.warn(
      ['contact'],
      `contact ${quote(contact)} is neither an e-mail address nor a URL.`,
      'an e-mail address or a URL',
    );
  }
  return contact;
}

function readExtra(doc: JsonObject, diagnostics: Diagnostics): Record<string, unknown> {
  const extra: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(doc)) {
    if (schemaKeys.has(key)) continue;
    extra.push([key, value]);
    diagnostics.warn(
      [key],
      `key ${quote(key)} is not part of the ICT schema; it is kept as extra data.`,
      `one of ${[...schemaKeys].join(', ')}`,
    );
  }
  return Object.fromEntries(extra);
}
