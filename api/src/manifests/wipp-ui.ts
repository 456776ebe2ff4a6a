import type { ManifestFormat, UiField } from '../contract/manifest.ts';
import { readConditionField } from './condition-field.ts';
import type { Diagnostics } from './diagnostics.ts';
import { readEntries, type Entry } from './entries.ts';
import type { FieldDraft } from './form.ts';
import type { JsonPath } from './json-path.ts';
import { describeType, isObject, quote, readText, type JsonObject } from './values.ts';

export interface Fieldset {
  title: string;
  fields: string[];
}

export interface WippUi {
  fields: FieldDraft[];
  fieldsets?: Fieldset[];
}

// The WIPP schema's pattern for a ui key; `fieldsets` is the one special key.
const uiKeyPattern = /^inputs\.[a-zA-Z0-9][-a-zA-Z0-9]*$/;

export function readWippUi(
  doc: JsonObject,
  format: ManifestFormat,
  inputNames: Set<string>,
  diagnostics: Diagnostics,
): WippUi {
  const fields: FieldDraft[] = [];
  let fieldsets: Fieldset[] | undefined;

  for (const entry of readEntries(doc, 'ui', diagnostics, { required: true })) {
    if (
      entry.value.key === 'fieldsets' ||
      (entry.key === 'fieldsets' && entry.value.fieldsets !== undefined)
    ) {
      if (fieldsets !== undefined) {
        diagnostics.warn(
          entry.path,
          'ui has a second fieldsets entry; it is ignored.',
          'one fieldsets entry',
        );
        continue;
      }
      fieldsets = readFieldsets(entry, inputNames, diagnostics);
      continue;
    }
    const field = readField(entry, format, diagnostics);
    if (field !== undefined) fields.push(field);
  }
  return fieldsets === undefined ? { fields } : { fields, fieldsets };
}

function readField(entry: Entry, format: ManifestFormat, diagnostics: Diagnostics): FieldDraft | undefined {
  const keyReading = readKey(entry, diagnostics);
  if (keyReading === undefined) {
    return undefined;
  }
  const { key, keyPath } = keyReading;
  const value = entry.value;

  const title = readText(value, 'title', entry.path, diagnostics, { required: true, nonEmpty: true }) ?? '';
  const field: UiField = { key, title };
  const description = readText(value, 'description', entry.path, diagnostics);
  if (description !== undefined) field.description = description;
  const placeholder = readText(value, 'placeholder', entry.path, diagnostics);
  if (placeholder !== undefined) field.placeholder = placeholder;
  const bind = readText(value, 'bind', entry.path, diagnostics, { nonEmpty: true });
  if (bind !== undefined) field.bind = bind;

  const hidden = readHidden(value.hidden, [...entry.path, 'hidden'], diagnostics);
  if (hidden !== undefined) field.hidden = hidden;

  let defaultPath: JsonPath | undefined;
  if (value.default !== undefined && value.default !== null) {
    defaultPath = [...entry.path, 'default'];
    field.default = value.default;
    if (typeof value.default === 'object') {
      diagnostics.warn(
        defaultPath,
        `default is ${describeType(value.default)}.`,
        'a string, number or boolean',
      );
    }
  }

  const conditionPath = [...entry.path, 'condition'];
  Object.assign(field, readConditionField(value.condition, conditionPath, format, diagnostics));

  const draft: FieldDraft = { field, path: entry.path, keyPath, conditionPath };
  const inputName = /^inputs\.(.+)$/.exec(key)?.[1];
  if (inputName !== undefined) draft.target = { kind: 'input', name: inputName };
  if (defaultPath !== undefined) draft.defaultPath = defaultPath;
  return draft;
}

/**
 * Reads a ui entry's key. A dict-keyed entry takes its key from the dict, so `inpDir` becomes
 * `inputs.inpDir`. A list entry without `key` falls back to a `name` that looks like a key, because
 * real manifests write `"name": "inputs.params"` by mistake.
 */
function readKey(entry: Entry, diagnostics: Diagnostics): { key: string; keyPath: JsonPath } | undefined {
  const written = entry.value.key;
  if (entry.key !== undefined) {
    const key = `inputs.${entry.key}`;
    if (written !== undefined && written !== key) {
      diagnostics.warn(
        [...entry.path, 'key'],
        `key ${quote(written)} differs from the dict key; '${key}' is used.`,
        key,
      );
    }
    return { key, keyPath: entry.path };
  }

  const keyPath = [...entry.path, 'key'];
  if (typeof written === 'string' && written !== '') {
    if (!uiKeyPattern.test(written)) {
      diagnostics.warn(
        keyPath,
        `key ${quote(written)} does not have the form 'inputs.<name>'.`,
        "'inputs.<name>' or 'fieldsets'",
      );
    }
    return { key: written, keyPath };
  }
  if (written === '') {
    diagnostics.warn(
      keyPath,
      'key is empty, so the entry is linked to no input and is ignored.',
      "'inputs.<name>' or 'fieldsets'",
    );
    return undefined;
  }
  if (written !== undefined) {
    diagnostics.warn(
      keyPath,
      `key is ${describeType(written)}, so the entry is ignored.`,
      "'inputs.<name>' or 'fieldsets'",
    );
    return undefined;
  }
  const name = entry.value.name;
  if (typeof name === 'string' && uiKeyPattern.test(name)) {
    diagnostics.warn(
      keyPath,
      `key is missing; the entry's name '${name}' is used as its key.`,
      "'inputs.<name>' or 'fieldsets'",
    );
    return { key: name, keyPath };
  }
  diagnostics.warn(
    keyPath,
    'key is missing, so the entry is linked to no input and is ignored.',
    "'inputs.<name>' or 'fieldsets'",
  );
  return undefined;
}

function readHidden(value: unknown, path: JsonPath, diagnostics: Diagnostics): boolean | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') {
    return value ?? undefined;
  }
  if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) {
    const flag = value.trim().toLowerCase() === 'true';
    diagnostics.warn(
      path,
      `hidden is the string ${quote(value)}, not a boolean; it is read as ${flag}.`,
      'true or false',
    );
    return flag;
  }
  diagnostics.warn(path, `hidden is ${describeType(value)} and is ignored.`, 'true or false');
  return undefined;
}

function readFieldsets(entry: Entry, inputNames: Set<string>, diagnostics: Diagnostics): Fieldset[] {
  const path = [...entry.path, 'fieldsets'];
  const value = entry.value.fieldsets;
  if (!Array.isArray(value)) {
    diagnostics.warn(
      path,
      `fieldsets is ${describeType(value)}; it is ignored.`,
      'a list of { title, fields }',
    );
    return [];
  }
  const fieldsets: Fieldset[] = [];
  value.forEach((item, index) => {
    const itemPath = [...path, index];
    if (!isObject(item)) {
      diagnostics.warn(
        itemPath,
        `fieldset is ${describeType(item)} and is ignored.`,
        'an object with title and fields',
      );
      return;
    }
    const title = readText(item, 'title', itemPath, diagnostics, { required: true }) ?? '';
    const fields: string[] = [];
    const written: unknown[] = Array.isArray(item.fields) ? item.fields : [];
    written.forEach((field, fieldIndex) => {
      const fieldPath = [...itemPath, 'fields', fieldIndex];
      if (typeof field !== 'string') {
        diagnostics.warn(
          fieldPath,
          `fieldset field is ${describeType(field)} and is ignored.`,
          'the name of an input',
        );
      } else if (!inputNames.has(field)) {
        diagnostics.warn(
          fieldPath,
          `fieldset names input '${field}', which the manifest does not define.`,
          'the name of an input',
        );
        fields.push(field);
      } else {
        fields.push(field);
      }
    });
    if (written.length === 0) {
      diagnostics.warn([...itemPath, 'fields'], 'fieldset has no fields.', 'a non-empty list of input names');
    }
    fieldsets.push({ title, fields });
  });
  return fieldsets;
}
