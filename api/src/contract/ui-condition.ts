import type { NormalisedManifest, UiCondition } from './manifest.ts';

// Browser-safe: the web imports this file to render the WIPP form, so it may import only types.

type ConditionValue = string | number | boolean;

/**
 * Evaluates a parsed UI condition against the current form values (keyed by input name).
 * An input without a value equals nothing, so `equals` is false and its negation is true.
 * For an array value (an `array` input), `equals` holds when any item matches.
 */
export function evaluateCondition(condition: UiCondition, values: Record<string, unknown>): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.terms.every((term) => evaluateCondition(term, values));
    case 'or':
      return condition.terms.some((term) => evaluateCondition(term, values));
    case 'equals': {
      const actual = Object.hasOwn(values, condition.input) ? values[condition.input] : undefined;
      const matched = condition.values.some((expected) => matchesValue(actual, expected));
      return condition.negate ? !matched : matched;
    }
  }
}

function matchesValue(actual: unknown, expected: ConditionValue): boolean {
  if (Array.isArray(actual)) {
    return actual.some((item) => matchesValue(item, expected));
  }
  if (typeof actual === typeof expected) {
    return actual === expected;
  }
  // Form fields hold text while manifests compare with numbers, booleans or Python-style `True`,
  // so values of different types are compared by their written form.
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return isScalar(actual) && String(actual).toLowerCase() === String(expected).toLowerCase();
  }
  if (typeof actual === 'number' || typeof expected === 'number') {
    const actualNumber = toNumber(actual);
    const expectedNumber = toNumber(expected);
    return actualNumber !== undefined && actualNumber === expectedNumber;
  }
  return false;
}

function isScalar(value: unknown): value is ConditionValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * Builds the initial form values, keyed by input name: the default of the input's `ui` field when it
 * has one (WIPP keeps defaults there), otherwise the input's own default. Inputs without any default
 * are left out.
 */
export function applyDefaults(manifest: Pick<NormalisedManifest, 'inputs' | 'ui'>): Record<string, unknown> {
  const uiDefaults = new Map<string, unknown>();
  for (const field of manifest.ui) {
    if (field.input !== undefined && field.default !== undefined && !uiDefaults.has(field.input)) {
      uiDefaults.set(field.input, field.default);
    }
  }

  const entries: Array<[string, unknown]> = [];
  for (const input of manifest.inputs) {
    const value = uiDefaults.has(input.name) ? uiDefaults.get(input.name) : input.default;
    if (value !== undefined) {
      entries.push([input.name, value]);
    }
  }
  // Object.fromEntries defines own properties, so an input named `__proto__` cannot change the prototype.
  return Object.fromEntries(entries);
}
