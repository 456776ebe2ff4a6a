import { describe, expect, it } from 'vitest';
import { isolateText } from './isolate-text';

describe('isolateText', () => {
  it.each([
    { case: 'a Latin name', text: 'Rey Reviewer', expected: 'Rey Reviewer' },
    { case: 'a name with an override', text: 'Eve\u202eevil', expected: 'Eveevil' },
    { case: 'a name with a stray pop isolate', text: 'Eve\u2069', expected: 'Eve' },
    { case: 'a Hebrew name', text: 'דנה לוי', expected: '\u2068דנה לוי\u2069' },
    { case: 'an Arabic name with an embedding', text: '\u202bمحمد', expected: '\u2068محمد\u2069' },
  ])('prepares $case', ({ text, expected }) => {
    expect(isolateText(text)).toBe(expected);
  });
});
