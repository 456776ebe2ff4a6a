import { describe, expect, it } from 'vitest';
import { formatJsonPath } from '../../src/manifests/json-path.ts';

describe('formatJsonPath', () => {
  it.each([
    { path: [], text: '$' },
    { path: ['inputs', 2, 'type'], text: '$.inputs[2].type' },
    { path: ['inputs', 'inpDir', 'required'], text: '$.inputs.inpDir.required' },
    { path: ['ui', ''], text: "$.ui['']" },
    { path: ['inputs', 'file-pattern'], text: "$.inputs['file-pattern']" },
    { path: ['extra', "it's"], text: "$.extra['it\\'s']" },
    { path: ['$schema'], text: '$.$schema' },
  ])('writes $text', ({ path, text }) => {
    expect(formatJsonPath(path)).toBe(text);
  });
});
