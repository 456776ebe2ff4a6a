import type { ManifestFormat, PluginInput } from '../contract/manifest.ts';
import { readDefault } from './defaults.ts';
import type { Diagnostics } from './diagnostics.ts';
import { dropDuplicateNames, entryName, readEntries, type Entry } from './entries.ts';
import type { InputDraft, OutputDraft } from './form.ts';
import { allowedTypes, readIoType, type IoRole } from './io-types.ts';
import type { JsonPath } from './json-path.ts';
import {
  describeType,
  isObject,
  quote,
  readRequiredFlag,
  readStringList,
  readText,
  type JsonObject,
} from './values.ts';

// The WIPP schema's pattern for input and output names.
const ioNamePattern = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;

// Properties the schema requires of `options.items` of an `array` input.
const arrayItemsRequired = ['type', 'title', 'oneOf', 'default', 'widget', 'minItems', 'uniqueItems'];

export function readWippInputs(
  doc: JsonObject,
  format: ManifestFormat,
  diagnostics: Diagnostics,
): InputDraft[] {
  const drafts: InputDraft[] = [];
  for (const entry of readEntries(doc, 'inputs', diagnostics, { required: true })) {
    const input = readWippInput(entry, format, diagnostics);
    if (input !== undefined) drafts.push({ input, path: entry.path });
  }
  return dropDuplicateNames(
    drafts,
    (draft) => draft.input.name,
    (draft) => draft.path,
    diagnostics,
    'input',
  );
}

export function readWippOutputs(
  doc: JsonObject,
  format: ManifestFormat,
  diagnostics: Diagnostics,
): OutputDraft[] {
  const drafts: OutputDraft[] = [];
  for (const entry of readEntries(doc, 'outputs', diagnostics, { required: true })) {
    const name = readIoName(entry, diagnostics, 'output');
    if (name === undefined) continue;
    const { type, originalType } = readType(entry, format, 'output', diagnostics);
    const description =
      readText(entry.value, 'description', entry.path, diagnostics, { required: true }) ?? '';
    drafts.push({ output: { name, type, originalType, description }, path: entry.path });
  }
  return dropDuplicateNames(
    drafts,
    (draft) => draft.output.name,
    (draft) => draft.path,
    diagnostics,
    'output',
  );
}

function readWippInput(
  entry: Entry,
  format: ManifestFormat,
  diagnostics: Diagnostics,
): PluginInput | undefined {
  const name = readIoName(entry, diagnostics, 'input');
  if (name === undefined) {
    return undefined;
  }
  const { type, originalType } = readType(entry, format, 'input', diagnostics);
  const description = readText(entry.value, 'description', entry.path, diagnostics, { required: true }) ?? '';
  // The schema gives `required` a default of true, so a missing flag is no deviation.
  const required = readRequiredFlag(entry.value, entry.path, diagnostics, { missing: 'default-true' });
  const input: PluginInput = { name, type, originalType, description, required };

  const options = readOptions(entry.value.options, type, [...entry.path, 'options'], diagnostics);
  if (options !== undefined) {
    input.options = options;
  }
  // Input-level defaults are not in the WIPP schema, but PolusAI manifests write them and no schema
  // rule forbids extra properties, so they are used without a warning.
  if (entry.value.default !== undefined && entry.value.default !== null) {
    input.default = readDefault(entry.value.default, input, [...entry.path, 'default'], diagnostics);
  }
  return input;
}

function readIoName(entry: Entry, diagnostics: Diagnostics, label: IoRole): string | undefined {
  const name = entryName(entry, diagnostics, label);
  if (name !== undefined && !ioNamePattern.test(name)) {
    const at = entry.key === undefined ? [...entry.path, 'name'] : entry.path;
    diagnostics.warn(
      at,
      `${label} name ${quote(name)} does not match the schema's name pattern.`,
      "letters, digits and '-', starting with a letter or digit",
    );
  }
  return name;
}

function readType(
  entry: Entry,
  format: ManifestFormat,
  role: IoRole,
  diagnostics: Diagnostics,
): { type: string; originalType: string } {
  const written = readText(entry.value, 'type', entry.path, diagnostics, { required: true, nonEmpty: true });
  if (written === undefined) {
    return { type: 'unknown', originalType: '' };
  }
  const reading = readIoType(written, format, role);
  if (reading.problem !== undefined) {
    diagnostics.warn(
      [...entry.path, 'type'],
      reading.problem,
      `one of ${allowedTypes(format, role).join(', ')}`,
    );
  }
  return { type: reading.type, originalType: written };
}

/**
 * Reads `options`: `values` for an `enum` input, `items` for an `array` input. The schema sets no
 * rules for the options of other types, so those are only read, never checked.
 */
function readOptions(
  value: unknown,
  type: string,
  path: JsonPath,
  diagnostics: Diagnostics,
): string[] | undefined {
  if (type === 'enum') {
    return readEnumOptions(value, path, diagnostics);
  }
  if (type === 'array') {
    return readArrayOptions(value, path, diagnostics);
  }
  if (isObject(value) && Array.isArray(value.values)) {
    return value.values.map((item) => String(item));
  }
  return undefined;
}

function readEnumOptions(value: unknown, path: JsonPath, diagnostics: Diagnostics): string[] | undefined {
  if (!isObject(value)) {
    const problem =
      value === undefined || value === null
        ? 'enum input has no options.'
        : `options is ${describeType(value)}.`;
    diagnostics.warn(path, problem, 'an object with a list of values');
    return undefined;
  }
  if (value.values === undefined) {
    diagnostics.warn([...path, 'values'], 'enum input has no options.values.', 'a list of strings');
    return undefined;
  }
  const values = readStringList(value.values, [...path, 'values'], diagnostics, 'option');
  if (values !== undefined && new Set(values).size !== values.length) {
    diagnostics.warn([...path, 'values'], 'options.values lists a value more than once.', 'unique values');
  }
  return values;
}

function readArrayOptions(value: unknown, path: JsonPath, diagnostics: Diagnostics): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.items)) {
    diagnostics.warn(path, 'array input options have no items object.', 'an object with an items object');
    return undefined;
  }
  const items = value.items;
  const itemsPath = [...path, 'items'];

  const missing = arrayItemsRequired.filter((key) => items[key] === undefined);
  if (missing.length > 0) {
    diagnostics.warn(
      itemsPath,
      `options.items lacks ${missing.join(', ')}.`,
      `an object with ${arrayItemsRequired.join(', ')}`,
    );
  }
  if (items.type !== undefined && items.type !== 'string') {
    diagnostics.warn([...itemsPath, 'type'], `options.items.type is ${quote(items.type)}.`, "'string'");
  }
  if (items.widget !== undefined && items.widget !== 'select' && items.widget !== 'checkbox') {
    diagnostics.warn(
      [...itemsPath, 'widget'],
      `options.items.widget is ${quote(items.widget)}.`,
      "'select' or 'checkbox'",
    );
  }

  if (!Array.isArray(items.oneOf)) {
    return undefined;
  }
  const values: string[] = [];
  items.oneOf.forEach((choice, index) => {
    const choicePath = [...itemsPath, 'oneOf', index];
    if (!isObject(choice) || !Array.isArray(choice.enum)) {
      diagnostics.warn(
        choicePath,
        'array option has no enum list and is ignored.',
        'an object with description and enum',
      );
      return;
    }
    values.push(...(readStringList(choice.enum, [...choicePath, 'enum'], diagnostics, 'option') ?? []));
  });
  return values;
}
