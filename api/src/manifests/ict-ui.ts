import type { UiField } from '../contract/manifest.ts';
import { readConditionField } from './condition-field.ts';
import type { Diagnostics } from './diagnostics.ts';
import { readEntries, type Entry } from './entries.ts';
import type { FieldDraft, InputDraft } from './form.ts';
import type { JsonPath } from './json-path.ts';
import { quote, readStringList, readText, type JsonObject } from './values.ts';

// Properties of each ICT ui type; the schema sets `additionalProperties: false` on every one.
const commonProperties = ['key', 'title', 'description', 'customType', 'condition', 'type'];
const uiTypes: Record<string, { properties: string[]; required: string[] }> = {
  text: { properties: ['default', 'regex', 'toolbar'], required: [] },
  number: { properties: ['default', 'integer', 'range'], required: [] },
  checkbox: { properties: ['default'], required: [] },
  select: { properties: ['fields', 'optional'], required: ['fields'] },
  multiselect: { properties: ['fields', 'optional', 'limit'], required: ['fields'] },
  color: { properties: ['fields'], required: ['fields'] },
  datetime: { properties: ['format'], required: ['format'] },
  path: { properties: ['ext'], required: [] },
  file: { properties: ['ext', 'limit', 'size'], required: [] },
};
const uiTypeNames = Object.keys(uiTypes).join(', ');

interface IctField {
  draft: FieldDraft;
  uiType?: string;
  choices?: string[];
}

export function readIctUi(doc: JsonObject, diagnostics: Diagnostics): IctField[] {
  const fields: IctField[] = [];
  for (const entry of readEntries(doc, 'ui', diagnostics, { required: true })) {
    const field = readField(entry, diagnostics);
    if (field !== undefined) fields.push(field);
  }
  return fields;
}

/**
 * Gives inputs the precise type their ui field implies: a `select` over a string input is an enum
 * with the field's choices as options, a `multiselect` an array of them.
 */
export function refineInputsFromUi(inputs: InputDraft[], fields: IctField[]): void {
  const byName = new Map(inputs.map((draft) => [draft.input.name, draft.input]));
  for (const { draft, uiType, choices } of fields) {
    const input = draft.target?.kind === 'input' ? byName.get(draft.target.name) : undefined;
    if (input === undefined || choices === undefined) continue;
    if (uiType === 'select' && (input.type === 'string' || input.type === 'enum')) {
      input.type = 'enum';
      input.options = choices;
    } else if (uiType === 'multiselect' && (input.type === 'array' || input.type === 'string')) {
      input.type = 'array';
      input.options = choices;
    }
  }
}

function readField(entry: Entry, diagnostics: Diagnostics): IctField | undefined {
  const value = entry.value;
  const keyPath = [...entry.path, 'key'];
  const key = readText(value, 'key', entry.path, diagnostics, { required: true, nonEmpty: true });
  if (key === undefined) {
    return undefined;
  }
  const target = /^(inputs|outputs)\.(\w[\w-]*)$/.exec(key);
  if (target === null) {
    diagnostics.warn(
      keyPath,
      `key ${quote(key)} does not have the form 'inputs.<name>' or 'outputs.<name>', so the field is ignored.`,
      "'inputs.<name>' or 'outputs.<name>'",
    );
    return undefined;
  }

  const uiType = readUiType(value, entry.path, diagnostics);
  const field: UiField = {
    key,
    title: readText(value, 'title', entry.path, diagnostics, { required: true, nonEmpty: true }) ?? '',
  };
  const description = readText(value, 'description', entry.path, diagnostics, { nullable: true });
  if (description !== undefined) field.description = description;

  const conditionPath = [...entry.path, 'condition'];
  Object.assign(field, readConditionField(value.condition, conditionPath, 'ict', diagnostics));

  const draft: FieldDraft = {
    field,
    path: entry.path,
    keyPath,
    conditionPath,
    target: { kind: target[1] === 'inputs' ? 'input' : 'output', name: target[2] ?? '' },
  };
  if (value.default !== undefined && value.default !== null) {
    field.default = value.default;
    draft.defaultPath = [...entry.path, 'default'];
  }

  const result: IctField = { draft };
  if (uiType !== undefined) result.uiType = uiType;
  if (uiType === 'select' || uiType === 'multiselect') {
    const choices = readStringList(value.fields, [...entry.path, 'fields'], diagnostics, 'fields');
    if (choices !== undefined) result.choices = choices;
  }
  return result;
}

function readUiType(value: JsonObject, path: JsonPath, diagnostics: Diagnostics): string | undefined {
  const written = readText(value, 'type', path, diagnostics, { required: true, nonEmpty: true });
  const spec = written === undefined ? undefined : uiTypes[written];
  if (written !== undefined && spec === undefined) {
    diagnostics.warn(
      [...path, 'type'],
      `ui type ${quote(written)} is not an ICT ui type.`,
      `one of ${uiTypeNames}`,
    );
  }
  if (spec === undefined) {
    return written;
  }

  for (const required of spec.required) {
    if (value[required] === undefined) {
      diagnostics.warn(
        [...path, required],
        `${required} is missing, which a '${written}' ui field requires.`,
        required === 'format' ? 'a W3C date format' : 'a list',
      );
    }
  }
  const allowed = new Set([...commonProperties, ...spec.properties]);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      diagnostics.warn(
        [...path, key],
        `property ${quote(key)} is not allowed in a '${written}' ui field.`,
        `only ${[...allowed].join(', ')}`,
      );
    }
  }
  return written;
}
