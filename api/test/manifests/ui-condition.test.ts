import { describe, expect, it } from 'vitest';
import type { UiCondition, UiField, PluginInput } from '../../src/contract/manifest.ts';
import { applyDefaults, evaluateCondition } from '../../src/contract/ui-condition.ts';

const equals = (input: string, values: Array<string | number | boolean>, negate = false): UiCondition => ({
  kind: 'equals',
  input,
  values,
  negate,
});

describe('evaluateCondition', () => {
  it.each([
    {
      case: 'equal strings',
      condition: equals('mode', ['Manual']),
      values: { mode: 'Manual' },
      result: true,
    },
    {
      case: 'strings that differ in case',
      condition: equals('mode', ['Manual']),
      values: { mode: 'manual' },
      result: false,
    },
    { case: 'a missing value', condition: equals('mode', ['Manual']), values: {}, result: false },
    {
      case: 'a missing value under negation',
      condition: equals('mode', ['Manual'], true),
      values: {},
      result: true,
    },
    { case: 'a null value', condition: equals('mode', ['Manual']), values: { mode: null }, result: false },
    {
      case: 'one of several values',
      condition: equals('m', ['a', 'b', 'c']),
      values: { m: 'c' },
      result: true,
    },
    {
      case: 'none of several values',
      condition: equals('m', ['a', 'b'], true),
      values: { m: 'c' },
      result: true,
    },
    { case: 'a number against numeric text', condition: equals('n', [3]), values: { n: '3' }, result: true },
    {
      case: 'numeric text against a number',
      condition: equals('n', ['3.0']),
      values: { n: 3 },
      result: true,
    },
    { case: 'empty text against zero', condition: equals('n', [0]), values: { n: '' }, result: false },
    {
      case: 'a boolean against Python-style text',
      condition: equals('flag', ['True']),
      values: { flag: true },
      result: true,
    },
    {
      case: 'boolean text against a boolean',
      condition: equals('flag', [false]),
      values: { flag: 'false' },
      result: true,
    },
    {
      case: 'a boolean against a number',
      condition: equals('flag', [1]),
      values: { flag: true },
      result: false,
    },
    {
      case: 'an array value with a matching item',
      condition: equals('features', ['ALL']),
      values: { features: ['MEAN', 'ALL'] },
      result: true,
    },
    {
      case: 'an object value',
      condition: equals('x', ['[object Object]']),
      values: { x: {} },
      result: false,
    },
    { case: 'an inherited property name', condition: equals('toString', ['x']), values: {}, result: false },
    { case: 'an empty and', condition: { kind: 'and', terms: [] } as UiCondition, values: {}, result: true },
    { case: 'an empty or', condition: { kind: 'or', terms: [] } as UiCondition, values: {}, result: false },
    {
      case: 'nested and/or',
      condition: {
        kind: 'and',
        terms: [equals('a', ['x']), { kind: 'or', terms: [equals('b', [1]), equals('c', [true])] }],
      } as UiCondition,
      values: { a: 'x', b: 2, c: true },
      result: true,
    },
  ])('handles $case', ({ condition, values, result }) => {
    expect(evaluateCondition(condition, values)).toBe(result);
  });
});

const input = (name: string, extra: Partial<PluginInput> = {}): PluginInput => ({
  name,
  type: 'string',
  originalType: 'string',
  description: '',
  required: false,
  ...extra,
});
const field = (name: string, extra: Partial<UiField> = {}): UiField => ({
  key: `inputs.${name}`,
  input: name,
  title: name,
  ...extra,
});

describe('applyDefaults', () => {
  it('prefers ui defaults over input defaults', () => {
    const values = applyDefaults({
      inputs: [
        input('a', { default: 'from input' }),
        input('b', { default: 'from input' }),
        input('c'),
        input('d', { default: false }),
      ],
      ui: [field('a', { default: 'from ui' }), field('b'), field('c')],
    });
    expect(values).toEqual({ a: 'from ui', b: 'from input', d: false });
  });

  it('uses the first ui field when an input has two', () => {
    const values = applyDefaults({
      inputs: [input('a')],
      ui: [field('a', { default: 1 }), field('a', { default: 2 })],
    });
    expect(values).toEqual({ a: 1 });
  });

  it('ignores defaults of fields linked to no input', () => {
    const values = applyDefaults({
      inputs: [input('a')],
      ui: [{ key: 'inputs.mask', title: 'Mask', default: 'x' }],
    });
    expect(values).toEqual({});
  });

  it('keeps an input named __proto__ as an own property', () => {
    const values = applyDefaults({ inputs: [input('__proto__', { default: 'x' })], ui: [] });
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.hasOwn(values, '__proto__')).toBe(true);
  });
});
