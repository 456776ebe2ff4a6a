import type { UiField } from '@assay/api/contract';
import { describe, expect, it } from 'vitest';
import { groupFields, isChecked, toSelectedItems } from './form-layout';

function field(name: string, extra: Partial<UiField> = {}): UiField {
  return { key: `inputs.${name}`, input: name, title: name, ...extra };
}

const keysOf = (fields: UiField[]) => fields.map((item) => item.key);

describe('groupFields', () => {
  it('keeps ui order without fieldsets', () => {
    const groups = groupFields({ ui: [field('b'), field('a')] });

    expect(groups).toHaveLength(1);
    expect(groups[0]?.title).toBeUndefined();
    expect(keysOf(groups[0]!.fields)).toEqual(['inputs.b', 'inputs.a']);
  });

  it('orders fields by fieldset', () => {
    const groups = groupFields({
      ui: [field('a'), field('b'), field('c')],
      fieldsets: [
        { title: 'Second', fields: ['c', 'a'] },
        { title: 'First', fields: ['b'] },
      ],
    });

    expect(groups.map((group) => group.title)).toEqual(['Second', 'First']);
    expect(keysOf(groups[0]!.fields)).toEqual(['inputs.c', 'inputs.a']);
  });

  it('accepts full keys in fieldsets', () => {
    const groups = groupFields({ ui: [field('a')], fieldsets: [{ title: 'All', fields: ['inputs.a'] }] });

    expect(keysOf(groups[0]!.fields)).toEqual(['inputs.a']);
  });

  it('appends fields that no fieldset lists', () => {
    const groups = groupFields({
      ui: [field('a'), field('b')],
      fieldsets: [{ title: 'Only a', fields: ['a'] }],
    });

    expect(groups.at(-1)?.title).toBe('Fields in no fieldset');
    expect(keysOf(groups.at(-1)!.fields)).toEqual(['inputs.b']);
  });

  it('skips fieldset entries without a field', () => {
    const groups = groupFields({
      ui: [field('a')],
      fieldsets: [
        { title: 'Typo', fields: ['mask'] },
        { title: 'A', fields: ['a'] },
      ],
    });

    expect(groups.map((group) => group.title)).toEqual(['A']);
  });

  it('leaves out hidden fields', () => {
    const groups = groupFields({ ui: [field('a', { hidden: true }), field('b')] });

    expect(keysOf(groups[0]!.fields)).toEqual(['inputs.b']);
  });
});

describe('isChecked', () => {
  it.each([
    { value: true, expected: true },
    { value: 'true', expected: true },
    { value: 'True', expected: true },
    { value: false, expected: false },
    { value: 'False', expected: false },
    { value: undefined, expected: false },
  ])('reads $value as $expected', ({ value, expected }) => {
    expect(isChecked(value)).toBe(expected);
  });
});

describe('toSelectedItems', () => {
  it.each([
    { value: ['a', 'b'], expected: ['a', 'b'] },
    { value: 'a, b', expected: ['a', 'b'] },
    { value: '', expected: [] },
    { value: undefined, expected: [] },
  ])('reads $value', ({ value, expected }) => {
    expect(toSelectedItems(value)).toEqual(expected);
  });
});
