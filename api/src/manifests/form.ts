import { distance } from 'fastest-levenshtein';
import type { PluginInput, PluginOutput, UiField } from '../contract/manifest.ts';
import { comparisons, conditionInputs } from './condition.ts';
import { readDefault } from './defaults.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { JsonPath } from './json-path.ts';

export interface InputDraft {
  input: PluginInput;
  path: JsonPath;
}

export interface OutputDraft {
  output: PluginOutput;
  path: JsonPath;
}

export interface FieldDraft {
  field: UiField;
  /** Path of the ui entry. */
  path: JsonPath;
  /** Path to report a problem with the key at (the `key` property, or the entry of a dict-keyed ui). */
  keyPath: JsonPath;
  /** Input or output that the key names (`inputs.<name>`, `outputs.<name>`), if any. */
  target?: { kind: 'input' | 'output'; name: string };
  /** Location of the field's `default`, if it has one. */
  defaultPath?: JsonPath;
  conditionPath: JsonPath;
}

/**
 * Links ui fields to the inputs they edit and checks the two against each other: keys that
 * name no input (linking a near-miss spelling such as `filePattern` to input `filePatter`), a second
 * field for one input, inputs without any field (a generated field is added so that the form can
 * still edit them), conditions and binds that refer to unknown inputs, and field defaults that do
 * not fit the input's type.
 */
export function linkForm(
  inputs: InputDraft[],
  outputs: OutputDraft[],
  fields: FieldDraft[],
  diagnostics: Diagnostics,
): UiField[] {
  const inputsByName = new Map(inputs.map((draft) => [draft.input.name, draft]));
  const outputNames = new Set(outputs.map((draft) => draft.output.name));
  const linked = new Set<string>();

  const unmatched: FieldDraft[] = [];
  for (const draft of fields) {
    const target = draft.target;
    if (target?.kind === 'output') {
      if (!outputNames.has(target.name)) {
        diagnostics.warn(
          draft.keyPath,
          `ui key 'outputs.${target.name}' names no output.`,
          'outputs.<name of an output>',
        );
      }
    } else if (target !== undefined && inputsByName.has(target.name)) {
      linkField(draft, target.name, linked, diagnostics);
    } else if (target !== undefined) {
      unmatched.push(draft);
    }
  }

  for (const draft of unmatched) {
    const name = draft.target?.name ?? '';
    const unlinkedNames = inputs
      .map((input) => input.input.name)
      .filter((candidate) => !linked.has(candidate));
    const match = similarName(name, unlinkedNames);
    if (match === undefined) {
      diagnostics.warn(
        draft.keyPath,
        `ui key 'inputs.${name}' names no input, so the field edits nothing.`,
        'inputs.<name of an input>',
      );
      continue;
    }
    diagnostics.warn(
      draft.keyPath,
      `ui key 'inputs.${name}' names no input; it is linked to input '${match}', the only input with a similar name.`,
      `inputs.${match}`,
    );
    linkField(draft, match, linked, diagnostics);
  }

  const generated: UiField[] = [];
  for (const draft of inputs) {
    const name = draft.input.name;
    if (!linked.has(name)) {
      diagnostics.warn(
        draft.path,
        `input '${name}' has no ui entry; a form field titled '${name}' is generated for it.`,
        `a ui entry with key 'inputs.${name}'`,
      );
      generated.push({
        key: `inputs.${name}`,
        input: name,
        title: name,
        description: draft.input.description,
        generated: true,
      });
    }
  }

  for (const draft of fields) {
    checkReferences(draft, inputsByName, diagnostics);
    const input = draft.field.input === undefined ? undefined : inputsByName.get(draft.field.input)?.input;
    if (input !== undefined && draft.field.default !== undefined && draft.defaultPath !== undefined) {
      draft.field.default = readDefault(draft.field.default, input, draft.defaultPath, diagnostics);
    }
    if (draft.field.title === '') {
      draft.field.title = draft.field.input ?? draft.target?.name ?? draft.field.key;
    }
  }

  return [...fields.map((draft) => draft.field), ...generated];
}

function linkField(
  draft: FieldDraft,
  inputName: string,
  linked: Set<string>,
  diagnostics: Diagnostics,
): void {
  if (linked.has(inputName)) {
    diagnostics.warn(
      draft.keyPath,
      `input '${inputName}' already has a ui entry; this second entry is kept but the form uses the first.`,
      'one ui entry per input',
    );
  }
  linked.add(inputName);
  draft.field.input = inputName;
}

function checkReferences(
  draft: FieldDraft,
  inputsByName: Map<string, InputDraft>,
  diagnostics: Diagnostics,
): void {
  const condition = draft.field.condition;
  if (condition !== undefined) {
    for (const name of conditionInputs(condition)) {
      if (!inputsByName.has(name)) {
        diagnostics.warn(
          draft.conditionPath,
          `condition refers to input '${name}', which the manifest does not define.`,
          'the name of an input',
        );
      } else if (name === draft.field.input) {
        diagnostics.warn(
          draft.conditionPath,
          `condition refers to the field's own input '${name}', so the field stays hidden until it has a value it cannot get.`,
          'a condition on another input',
        );
      }
    }
    for (const term of comparisons(condition)) {
      const input = inputsByName.get(term.input)?.input;
      const mismatch = input === undefined ? undefined : comparisonMismatch(input, term.values);
      if (mismatch !== undefined) diagnostics.warn(draft.conditionPath, mismatch.problem, mismatch.expected);
    }
  }
  const bind = draft.field.bind;
  if (bind !== undefined && !inputsByName.has(bind)) {
    diagnostics.warn(
      [...draft.path, 'bind'],
      `bind names input '${bind}', which the manifest does not define.`,
      'the name of an input',
    );
  }
}

// A typo is assumed only when exactly one candidate is close: the same name in other letter case,
// or at most two edits apart. The edit distance applies only to names of five or more characters,
// because two edits turn one short word into another too easily.
function similarName(name: string, candidates: string[]): string | undefined {
  const close = candidates.filter((candidate) => {
    if (candidate.toLowerCase() === name.toLowerCase()) return true;
    return Math.min(candidate.length, name.length) >= 5 && distance(candidate, name) <= 2;
  });
  return close.length === 1 ? close[0] : undefined;
}

/** Describes a comparison value that the input can never hold (`value` for a number input), if any. */
function comparisonMismatch(
  input: PluginInput,
  values: Array<string | number | boolean>,
): { problem: string; expected: string } | undefined {
  const quoted = (value: string | number | boolean) =>
    typeof value === 'string' ? `'${value}'` : String(value);
  if (input.type === 'enum' && input.options !== undefined && input.options.length > 0) {
    const options = input.options;
    const unknown = values.filter((value) => !options.includes(String(value)));
    if (unknown.length > 0) {
      return {
        problem: `condition compares input '${input.name}' with ${unknown.map(quoted).join(', ')}, which is not one of its options.`,
        expected: `one of ${options.join(', ')}`,
      };
    }
  }
  if (input.type === 'number' || input.type === 'integer') {
    const unknown = values.filter(
      (value) =>
        typeof value === 'boolean' ||
        (typeof value === 'string' && !Number.isFinite(Number(value.trim() || 'x'))),
    );
    if (unknown.length > 0) {
      return {
        problem: `condition compares ${input.type} input '${input.name}' with ${unknown.map(quoted).join(', ')}, which no number equals.`,
        expected: 'a number',
      };
    }
  }
  if (input.type === 'boolean') {
    const unknown = values.filter((value) => typeof value !== 'boolean');
    if (unknown.length > 0) {
      return {
        problem: `condition compares boolean input '${input.name}' with ${unknown.map(quoted).join(', ')}, which is neither true nor false.`,
        expected: 'true or false',
      };
    }
  }
  return undefined;
}
