import { describe, expect, test } from 'vitest';
import {
  formatImageReference,
  ImageReferenceError,
  parseImageReference,
  type ImageReference,
} from '../../src/registry/reference.ts';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  const valid: { input: string; expected: ImageReference }[] = [
    { input: 'polusai/x:1.0', expected: { registry: 'docker.io', repository: 'polusai/x', tag: '1.0' } },
    { input: 'ubuntu', expected: { registry: 'docker.io', repository: 'library/ubuntu', tag: 'latest' } },
    {
      input: 'docker.io/ubuntu:22.04',
      expected: { registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' },
    },
    {
      input: 'index.docker.io/polusai/x:1',
      expected: { registry: 'docker.io', repository: 'polusai/x', tag: '1' },
    },
    {
      input: 'localhost:5000/wipp/threshold:0.1.3debug4',
      expected: { registry: 'localhost:5000', repository: 'wipp/threshold', tag: '0.1.3debug4' },
    },
    { input: 'localhost/plugin', expected: { registry: 'localhost', repository: 'plugin', tag: 'latest' } },
    {
      input: 'ghcr.io/polusai/image-tools/montage-plugin:openmp-0.1.6',
      expected: {
        registry: 'ghcr.io',
        repository: 'polusai/image-tools/montage-plugin',
        tag: 'openmp-0.1.6',
      },
    },
    { input: `polusai/x@${digest}`, expected: { registry: 'docker.io', repository: 'polusai/x', digest } },
    {
      input: `127.0.0.1:5000/a/b:2.1.5-dev0@${digest}`,
      expected: { registry: '127.0.0.1:5000', repository: 'a/b', tag: '2.1.5-dev0', digest },
    },
    { input: '[::1]:5000/a:1', expected: { registry: '[::1]:5000', repository: 'a', tag: '1' } },
    {
      input: 'a__b/c--d.e_f:TAG_1',
      expected: { registry: 'docker.io', repository: 'a__b/c--d.e_f', tag: 'TAG_1' },
    },
    { input: 'Registry/x:1', expected: { registry: 'Registry', repository: 'x', tag: '1' } },
  ];

  test.each(valid)('parses $input', ({ input, expected }) => {
    expect(parseImageReference(input)).toEqual(expected);
  });

  const invalid: { input: string; message: RegExp }[] = [
    { input: '', message: /empty/ },
    { input: 'polusai/X:1.0', message: /path component "X"/ },
    { input: 'polusai//x', message: /empty path component/ },
    { input: 'polusai/x/', message: /empty path component/ },
    { input: 'polusai/x:', message: /tag ""/ },
    { input: 'polusai/x:.hidden', message: /tag ".hidden"/ },
    { input: `polusai/x:${'a'.repeat(129)}`, message: /at most 128/ },
    { input: 'polusai/x@sha256:abc', message: /unsupported algorithm or encoding/ },
    { input: 'polusai/x@latest', message: /algorithm:hex/ },
    { input: 'polusai/x 1.0', message: /whitespace/ },
    { input: ':1.0', message: /repository name is missing/ },
    { input: 'bad_host.example:port/x', message: /registry "bad_host.example:port"/ },
    { input: `a/${'b'.repeat(256)}`, message: /longer than 255/ },
  ];

  test.each(invalid)('rejects "$input"', ({ input, message }) => {
    expect(() => parseImageReference(input)).toThrow(ImageReferenceError);
    expect(() => parseImageReference(input)).toThrow(message);
  });

  test('formats a parsed reference back', () => {
    expect(formatImageReference(parseImageReference(`localhost:5000/a/b:1@${digest}`))).toBe(
      `localhost:5000/a/b:1@${digest}`,
    );
  });
});
