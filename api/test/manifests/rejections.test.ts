import { describe, expect, it } from 'vitest';
import type { ManifestError } from '../../src/contract/manifest.ts';
import { maxManifestBytes, parseManifest } from '../../src/manifests/parse.ts';
import { parseObject, parseText } from './fixture-files.ts';

const minimal = {
  name: 'Minimal',
  version: '1.0.0',
  title: 'Minimal',
  description: 'A minimal manifest',
  containerId: 'example/minimal:1.0.0',
  inputs: [],
  outputs: [],
  ui: [],
};

function errorsOf(result: ReturnType<typeof parseText>): ManifestError[] {
  if (result.ok) throw new Error('expected the manifest to be rejected, but it imported');
  return result.errors;
}

const billionLaughs = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n');

// Inputs that cannot be understood at all, each with the one error it must give.
const rejections: Array<{
  case: string;
  text: string;
  fileName: string;
  error: Partial<Omit<ManifestError, 'problem'>> & { problem: RegExp };
}> = [
  {
    case: 'invalid JSON, with its line and column',
    text: '{\n  "name": "x",\n  "version" "1.0.0"\n}',
    fileName: 'plugin.json',
    error: {
      path: '$',
      line: 3,
      column: 13,
      problem: /^invalid JSON: ':' is expected after the property name \(line 3, column 13\)\.$/,
    },
  },
  {
    case: 'a trailing comma in JSON',
    text: '{\n  "name": "x",\n}',
    fileName: 'plugin.json',
    error: { path: '$', line: 3, column: 1, problem: /JSON allows no trailing comma/ },
  },
  {
    case: 'a comment in JSON',
    text: '{\n  // the name\n  "name": "x"\n}',
    fileName: 'plugin.json',
    error: { path: '$', line: 2, column: 3, problem: /JSON does not allow comments/ },
  },
  {
    case: 'YAML in a file named .json',
    text: 'name: x\nversion: 1.0.0\n',
    fileName: 'plugin.json',
    error: { path: '$', line: 1, column: 1, problem: /invalid JSON/ },
  },
  {
    case: 'invalid YAML, with its line and column',
    text: 'name: x\ninputs:\n  - name: a\n   type: string\n',
    fileName: 'ict.yaml',
    error: { path: '$', line: 4, problem: /^invalid YAML: / },
  },
  {
    case: 'a YAML bomb',
    text: billionLaughs,
    fileName: 'ict.yaml',
    error: { path: '$', problem: /expands more than 100 aliases/ },
  },
  {
    case: 'several YAML documents',
    text: 'name: a\n---\nname: b\n',
    fileName: 'ict.yml',
    error: { path: '$', line: 2, problem: /multiple documents/ },
  },
  {
    case: 'a duplicate YAML key',
    text: 'name: a\nname: b\n',
    fileName: 'ict.yaml',
    error: { path: '$', line: 2, column: 1, problem: /Map keys must be unique/ },
  },
  {
    case: 'a top-level array',
    text: '[{"name": "x"}]',
    fileName: 'plugin.json',
    error: { path: '$', problem: /^the top level is a list, not an object\.$/ },
  },
  {
    case: 'a top-level YAML string',
    text: 'just some words\n',
    fileName: 'ict.yaml',
    error: { path: '$', problem: /^the top level is a string, not an object\.$/ },
  },
  {
    case: 'a top-level null',
    text: 'null',
    fileName: 'plugin.json',
    error: { path: '$', problem: /^the top level is null, not an object\.$/ },
  },
  {
    case: 'an empty file',
    text: ' \n',
    fileName: 'plugin.json',
    error: { path: '$', problem: /^the file is empty\.$/ },
  },
  {
    case: 'neither name nor title',
    text: JSON.stringify({ ...minimal, name: undefined, title: undefined }),
    fileName: 'plugin.json',
    error: { path: '$.name', problem: /^name is missing and there is no title to use instead/ },
  },
  {
    case: 'an empty name and no title',
    text: JSON.stringify({ ...minimal, name: '  ', title: undefined }),
    fileName: 'plugin.json',
    error: { path: '$.name', problem: /^name is empty and there is no title/ },
  },
  {
    case: 'no containerId',
    text: JSON.stringify({ ...minimal, containerId: undefined }),
    fileName: 'plugin.json',
    error: {
      path: '$.containerId',
      problem: /^containerId is missing, so the manifest names no container image\.$/,
    },
  },
  {
    case: 'a containerId that is a number',
    text: JSON.stringify({ ...minimal, containerId: 42 }),
    fileName: 'plugin.json',
    error: { path: '$.containerId', problem: /^containerId is a number/ },
  },
  {
    case: 'a containerId with spaces inside',
    text: JSON.stringify({ ...minimal, containerId: 'example/minimal 1.0.0' }),
    fileName: 'plugin.json',
    error: { path: '$.containerId', problem: /contains white space/ },
  },
  {
    case: 'an ICT manifest without container',
    text: 'specVersion: 1.0.0\nname: example/tool\nversion: 1.0.0\nentrypoint: run\n',
    fileName: 'ict.yaml',
    error: { path: '$.container', problem: /^container is missing/ },
  },
  {
    case: 'no version and an untagged image',
    text: JSON.stringify({ ...minimal, version: undefined, containerId: 'example/minimal' }),
    fileName: 'plugin.json',
    error: {
      path: '$.version',
      problem: /^version is missing and the image reference has no tag to use instead\.$/,
    },
  },
];

describe('rejected manifests', () => {
  it.each(rejections)('rejects $case', ({ text, fileName, error }) => {
    const errors = errorsOf(parseText(text, fileName));
    expect(errors).toHaveLength(1);
    const [first] = errors;
    const { problem, ...fields } = error;
    expect(first).toMatchObject({ file: fileName, ...fields });
    expect(first?.problem).toMatch(problem);
    expect(first?.expected?.length).toBeGreaterThan(0);
  });

  it('rejects a file larger than the limit before decoding it', () => {
    const bytes = new Uint8Array(maxManifestBytes + 1).fill(0x20);
    const errors = errorsOf(parseManifest({ bytes, fileName: 'huge/plugin.json' }));
    expect(errors).toEqual([
      {
        file: 'huge/plugin.json',
        path: '$',
        problem: `the file is ${maxManifestBytes + 1} bytes, more than the limit of ${maxManifestBytes} bytes (1 MiB).`,
        expected: `at most ${maxManifestBytes} bytes`,
      },
    ]);
  });

  it('accepts a file of exactly the limit', () => {
    const text = JSON.stringify(minimal);
    const padded = text + ' '.repeat(maxManifestBytes - text.length);
    const result = parseText(padded);
    expect(result.ok).toBe(true);
    expect(maxManifestBytes).toBe(1024 * 1024);
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(errorsOf(parseManifest({ bytes, fileName: 'plugin.json' }))).toEqual([
      {
        file: 'plugin.json',
        path: '$',
        problem: 'the file is not UTF-8 text.',
        expected: 'a UTF-8 encoded JSON or YAML file',
      },
    ]);
  });

  it('reports every error of a manifest at once', () => {
    const errors = errorsOf(
      parseObject({ ...minimal, name: undefined, title: undefined, containerId: undefined }),
    );
    expect(errors.map((error) => error.path)).toEqual(['$.name', '$.containerId']);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const text = `\uFEFF${JSON.stringify(minimal)}`;
    expect(parseText(text).ok).toBe(true);
  });

  it('treats unknown YAML tags as plain values, with a warning', () => {
    const result = parseText(
      [
        'specVersion: 1.0.0',
        'name: example/tool',
        'version: 1.0.0',
        'container: example/tool:1.0.0',
        'entrypoint: !!python/object/apply:os.system [ls]',
        'author: [Ada Lovelace]',
        'contact: author@example.org',
        'repository: https://example.org/tool',
        'inputs: []',
        'outputs: []',
        'ui: []',
      ].join('\n'),
      'ict.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(
      result.warnings.filter((warning) => warning.path === '$').map((warning) => warning.problem),
    ).toEqual([
      expect.stringMatching(
        /^YAML at line 5, column 13: Unresolved tag: tag:yaml.org,2002:python\/object\/apply:os.system/,
      ),
    ]);
  });
});
