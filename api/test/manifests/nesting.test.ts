import { describe, expect, it } from 'vitest';
import type { ManifestError } from '../../src/contract/manifest.ts';
import { findExcessiveNesting } from '../../src/lib/nesting.ts';
import { maxManifestDepth } from '../../src/manifests/nesting.ts';
import { parseManifest } from '../../src/manifests/parse.ts';

const encoder = new TextEncoder();

function parse(text: string, fileName: string) {
  return parseManifest({ bytes: encoder.encode(text), fileName });
}

function errorsOf(result: ReturnType<typeof parse>): ManifestError[] {
  if (result.ok) throw new Error('expected the manifest to be rejected, but it imported');
  return result.errors;
}

/** `levels` arrays inside each other; under a top-level mapping they reach level `levels + 1`. */
function arrays(levels: number): string {
  return `${'['.repeat(levels)}${']'.repeat(levels)}`;
}

const jsonHead = '{"name":"deep","version":"1","containerId":"a/b:1","x":';
const yamlHead = 'name: deep\nversion: "1"\ncontainer: a/b:1\n';

/** Builds block sequences nested `levels` deep, each item a sequence again. */
function blockSequences(levels: number): string {
  return Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}-`).join('\n') + ' leaf\n';
}

/** Sixty anchors that each wrap the previous one in a further 50 levels of arrays. */
function aliasChain(): string {
  const lines = [`a0: &a0 ${arrays(50)}`];
  for (let index = 1; index < 60; index += 1) {
    lines.push(`a${index}: &a${index} ${'['.repeat(50)}*a${index - 1}${']'.repeat(50)}`);
  }
  return `${yamlHead}${lines.join('\n')}\n`;
}

describe('manifest nesting limit', () => {
  it.each([
    { case: 'JSON', text: `${jsonHead}${arrays(maxManifestDepth - 1)}}`, fileName: 'plugin.json' },
    { case: 'YAML flow', text: `${yamlHead}x: ${arrays(maxManifestDepth - 1)}\n`, fileName: 'ict.yaml' },
    {
      case: 'YAML block',
      text: `${yamlHead}x:\n${blockSequences(maxManifestDepth - 1)}`,
      fileName: 'ict.yaml',
    },
  ])('accepts $case nested exactly to the limit', ({ text, fileName }) => {
    const result = parse(text, fileName);

    expect(result.ok ? [] : result.errors.map((error) => error.problem)).not.toContainEqual(
      expect.stringMatching(/nested more than/),
    );
  });

  it.each([
    {
      case: 'JSON one level too deep',
      text: `${jsonHead}${arrays(maxManifestDepth)}}`,
      fileName: 'plugin.json',
      error: { path: '$', line: 1, column: jsonHead.length + maxManifestDepth },
    },
    {
      case: 'JSON nested 3000 levels',
      text: `${jsonHead}${arrays(3000)}}`,
      fileName: 'plugin.json',
      error: { path: '$', line: 1, column: jsonHead.length + maxManifestDepth },
    },
    {
      case: 'YAML flow nested 3000 levels',
      text: `${yamlHead}x: ${arrays(3000)}\n`,
      fileName: 'ict.yaml',
      error: { path: '$', line: 4 },
    },
    {
      case: 'YAML block sequences one level too deep',
      text: `${yamlHead}x:\n${blockSequences(maxManifestDepth)}`,
      fileName: 'ict.yaml',
      error: {},
    },
    {
      // Line 4 + 64 opens level 65, and the parser's stack passes the limit on the line after it.
      case: 'YAML block sequences nested 200 levels',
      text: `${yamlHead}x:\n${blockSequences(200)}`,
      fileName: 'ict.yaml',
      error: { path: '$', line: 4 + maxManifestDepth + 1 },
    },
    {
      case: 'YAML compact sequences nested 3000 levels',
      text: `${yamlHead}x:\n  ${'- '.repeat(3000)}leaf\n`,
      fileName: 'ict.yaml',
      error: { path: '$', line: 5 },
    },
    {
      case: 'YAML flow one level too deep',
      text: `${yamlHead}x: ${arrays(maxManifestDepth)}\n`,
      fileName: 'ict.yaml',
      error: { path: `$.x${'[0]'.repeat(maxManifestDepth - 1)}` },
    },
    {
      case: 'YAML aliases that nest 3000 levels',
      text: aliasChain(),
      fileName: 'ict.yaml',
      error: { path: expect.stringMatching(/^\$\.a\d+(\[0\])+$/) as unknown as string },
    },
    {
      case: 'YAML alias inside its own anchor',
      text: `${yamlHead}x: &loop [*loop]\n`,
      fileName: 'ict.yaml',
      error: { path: `$.x${'[0]'.repeat(maxManifestDepth - 1)}` },
    },
  ])('rejects $case', ({ text, fileName, error }) => {
    const errors = errorsOf(parse(text, fileName));

    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: fileName, ...error });
    expect(errors[0]?.problem).toMatch(/^objects and arrays are nested more than 64 levels deep here/);
    expect(errors[0]?.expected).toMatch(/^objects and arrays nested at most 64 levels deep/);
  });

  it.each([
    { case: 'JSON', text: `${jsonHead}${'['.repeat(1024 * 1024 - 100)}`, fileName: 'plugin.json' },
    { case: 'YAML', text: `${yamlHead}x: ${'['.repeat(1024 * 1024 - 100)}`, fileName: 'ict.yaml' },
  ])('rejects 1 MiB of brackets in $case within a second', ({ text, fileName }) => {
    const started = performance.now();

    const errors = errorsOf(parse(text, fileName));

    expect(errors[0]?.problem).toMatch(/nested more than 64 levels deep/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('findExcessiveNesting', () => {
  const cyclic: unknown[] = [];
  cyclic.push(cyclic);

  it.each([
    { case: 'a scalar', value: 'text', maxDepth: 0, path: undefined },
    { case: 'an object at the limit', value: { a: [{}] }, maxDepth: 3, path: undefined },
    { case: 'an object past the limit', value: { a: [{ b: [] }] }, maxDepth: 3, path: '$.a[0].b' },
    { case: 'a key that is not an identifier', value: { 'a b': [[]] }, maxDepth: 2, path: '$["a b"][0]' },
    { case: 'a cyclic array', value: cyclic, maxDepth: 3, path: '$[0][0][0]' },
  ])('finds $case', ({ value, maxDepth, path }) => {
    expect(findExcessiveNesting(value, maxDepth)).toBe(path);
  });
});
