import type { ManifestFormat, UiCondition } from '../contract/manifest.ts';
import { describeCondition, parseCondition, type ConditionFeature } from './condition.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { JsonPath } from './json-path.ts';
import { describeType, isObject, quote } from './values.ts';

export interface ConditionReading {
  conditionText?: string;
  condition?: UiCondition;
}

const featureWording: Record<ConditionFeature, string> = {
  'model-prefix': "uses WIPP's 'model.inputs.' prefix",
  'no-model-prefix': "refers to the input without the 'model.' prefix",
  'list-literal': 'compares with a list literal',
  or: "joins comparisons with 'or'",
  and: "joins comparisons with 'and'",
  not: 'negates a comparison',
  'includes-call': "uses JavaScript's includes()",
  'in-operator': "uses the 'in' operator",
  'strict-equality': "compares with '===' or '!=='",
  'value-first': 'puts the value before the input',
};

// The WIPP schema documents `model.inputs.inputName==value`; the ICT schema documents `inputs.name==value`.
const documentedPrefix: Record<'wipp' | 'ict', ConditionFeature> = {
  wipp: 'model-prefix',
  ict: 'no-model-prefix',
};
const documentedForm = { wipp: 'model.inputs.<name>==<value>', ict: 'inputs.<name>==<value>' };

/**
 * Reads a ui field's `condition`: a string in any known dialect, a list of conditions (all must
 * hold), or PolusAI validator clauses `{ input, value, eval }`. A condition that cannot be parsed is
 * kept as text only, with a warning, and the field is then always shown.
 */
export function readConditionField(
  value: unknown,
  path: JsonPath,
  format: ManifestFormat,
  diagnostics: Diagnostics,
): ConditionReading {
  if (value === undefined || value === null || value === '') {
    return {};
  }
  const family = format === 'ict' ? 'ict' : 'wipp';

  if (typeof value === 'string') {
    const condition = readConditionText(value, path, family, diagnostics);
    return condition === undefined ? { conditionText: value } : { conditionText: value, condition };
  }

  const conditionText = JSON.stringify(value);
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) {
    diagnostics.warn(
      path,
      'condition is a list; it is read as all of its conditions holding.',
      documentedForm[family],
    );
  } else if (!isObject(value)) {
    diagnostics.warn(
      path,
      `condition is ${describeType(value)}, which is not understood; the field is always shown.`,
      documentedForm[family],
    );
    return { conditionText };
  }

  const terms: UiCondition[] = [];
  for (const [index, item] of items.entries()) {
    const itemPath = Array.isArray(value) ? [...path, index] : path;
    const term =
      typeof item === 'string'
        ? readConditionText(item, itemPath, family, diagnostics)
        : readValidatorClause(item, itemPath, family, diagnostics);
    if (term === undefined) {
      return { conditionText };
    }
    terms.push(term);
  }
  const [only] = terms;
  if (only === undefined) {
    diagnostics.warn(path, 'condition is an empty list; the field is always shown.', documentedForm[family]);
    return { conditionText };
  }
  return { conditionText, condition: terms.length === 1 ? only : { kind: 'and', terms } };
}

function readConditionText(
  text: string,
  path: JsonPath,
  family: 'wipp' | 'ict',
  diagnostics: Diagnostics,
): UiCondition | undefined {
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    diagnostics.warn(
      path,
      `condition ${quote(text)} cannot be parsed because ${parsed.problem}; the field is always shown.`,
      documentedForm[family],
    );
    return undefined;
  }

  const deviations = [...parsed.features].filter((feature) => feature !== documentedPrefix[family]);
  if (deviations.length > 0) {
    const wording = deviations.map((feature) => featureWording[feature]).join(', ');
    diagnostics.warn(
      path,
      `condition ${quote(text)} ${wording}, which the schema does not document; it is read as: ${describeCondition(parsed.condition)}.`,
      documentedForm[family],
    );
  }
  return parsed.condition;
}

// PolusAI's `validators` write conditions as `{ "input": "encoderBase", "value": "ResNet", "eval": "==" }`.
function readValidatorClause(
  item: unknown,
  path: JsonPath,
  family: 'wipp' | 'ict',
  diagnostics: Diagnostics,
): UiCondition | undefined {
  const expected = `${documentedForm[family]}, or { "input": <name>, "value": <value>, "eval": "==" }`;
  if (!isObject(item) || typeof item.input !== 'string') {
    diagnostics.warn(
      path,
      `condition ${quote(item)} is not understood; the field is always shown.`,
      expected,
    );
    return undefined;
  }
  const operator = item.eval ?? '==';
  if (operator !== '==' && operator !== '!=') {
    diagnostics.warn(
      [...path, 'eval'],
      `condition operator ${quote(operator)} is not supported; the field is always shown.`,
      "'==' or '!='",
    );
    return undefined;
  }
  const values = Array.isArray(item.value) ? item.value : [item.value];
  const literals = values.filter((entry) => ['string', 'number', 'boolean'].includes(typeof entry)) as Array<
    string | number | boolean
  >;
  if (literals.length !== values.length || literals.length === 0) {
    diagnostics.warn(
      [...path, 'value'],
      `condition value ${quote(item.value)} is not understood; the field is always shown.`,
      'a string, number or boolean',
    );
    return undefined;
  }
  return {
    kind: 'equals',
    input: item.input.replace(/^(model\.)?inputs\./, ''),
    values: literals,
    negate: operator === '!=',
  };
}
