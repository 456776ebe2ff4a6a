import type { PluginInput, PluginOutput } from '../contract/manifest.ts';
import { readDefault } from './defaults.ts';
import type { Diagnostics } from './diagnostics.ts';
import { dropDuplicateNames, entryName, readEntries, type Entry } from './entries.ts';
import type { InputDraft, OutputDraft } from './form.ts';
import { allowedTypes, readIoType, wippDataTypes, type IoRole } from './io-types.ts';
import { describeType, isObject, readRequiredFlag, readText, type JsonObject } from './values.ts';

export function readIctInputs(doc: JsonObject, diagnostics: Diagnostics): InputDraft[] {
  const drafts: InputDraft[] = [];
  for (const entry of readEntries(doc, 'inputs', diagnostics, { required: true })) {
    const io = readIo(entry, 'input', diagnostics);
    if (io === undefined) continue;
    const input: PluginInput = { ...io.base, required: io.required };
    const defaultValue = entry.value.defaultValue;
    if (defaultValue !== undefined && defaultValue !== null) {
      input.default = readDefault(defaultValue, input, [...entry.path, 'defaultValue'], diagnostics);
    }
    drafts.push({ input, path: entry.path });
  }
  return dropDuplicateNames(
    drafts,
    (draft) => draft.input.name,
    (draft) => draft.path,
    diagnostics,
    'input',
  );
}

export function readIctOutputs(doc: JsonObject, diagnostics: Diagnostics): OutputDraft[] {
  const drafts: OutputDraft[] = [];
  for (const entry of readEntries(doc, 'outputs', diagnostics, { required: true })) {
    const io = readIo(entry, 'output', diagnostics);
    if (io !== undefined) drafts.push({ output: io.base, path: entry.path });
  }
  return dropDuplicateNames(
    drafts,
    (draft) => draft.output.name,
    (draft) => draft.path,
    diagnostics,
    'output',
  );
}

function readIo(
  entry: Entry,
  role: IoRole,
  diagnostics: Diagnostics,
): { base: PluginOutput; required: boolean } | undefined {
  const name = entryName(entry, diagnostics, role);
  if (name === undefined) {
    return undefined;
  }
  const description = readText(entry.value, 'description', entry.path, diagnostics, { nullable: true }) ?? '';
  const required = readRequiredFlag(entry.value, entry.path, diagnostics, { missing: 'warn-true' });
  const format = readFormat(entry, diagnostics);

  const written = readText(entry.value, 'type', entry.path, diagnostics, { required: true, nonEmpty: true });
  if (written === undefined) {
    return { base: { name, type: 'unknown', originalType: '', description }, required };
  }
  const reading = readIoType(written, 'ict', role);
  if (reading.problem !== undefined) {
    diagnostics.warn(
      [...entry.path, 'type'],
      reading.problem,
      `one of ${allowedTypes('ict', role).join(', ')}`,
    );
  }
  return {
    base: { name, type: refineType(reading.type, format), originalType: written, description },
    required,
  };
}

/**
 * Reads `format`, which the ICT schema requires: a list of strings (ontology terms) or an object.
 * Returns the single term of a one-item list.
 */
function readFormat(entry: Entry, diagnostics: Diagnostics): string | undefined {
  const value = entry.value.format;
  const at = [...entry.path, 'format'];
  if (value === undefined || value === null) {
    diagnostics.warn(
      at,
      `format is ${value === null ? 'null' : 'missing'}.`,
      'a list of strings or an object',
    );
    return undefined;
  }
  if (isObject(value)) {
    return undefined;
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    diagnostics.warn(
      at,
      `format is ${describeType(value)}${Array.isArray(value) ? ' with items that are not strings' : ''}.`,
      'a list of strings or an object',
    );
    return undefined;
  }
  return value.length === 1 ? value[0] : undefined;
}

// Most real ICT files name the WIPP type as their only `format` term (`type: path`,
// `format: [csvCollection]`), which restores the precise type.
function refineType(type: string, formatTerm: string | undefined): string {
  if (formatTerm === undefined) return type;
  if (type === 'genericData' && wippDataTypes.has(formatTerm)) return formatTerm;
  if (type === 'string' && formatTerm === 'enum') return 'enum';
  if (type === 'number' && formatTerm === 'integer') return 'integer';
  return type;
}
