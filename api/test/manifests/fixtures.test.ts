import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisedManifestSchema } from '../../src/contract/manifest.ts';
import { manifestFixtureDir, manifestFixtureFiles, parseFixture, warningPaths } from './fixture-files.ts';

interface Expectation {
  format: string;
  warnings: string[];
}

const expectations = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'expected-warnings.json'), 'utf8'),
) as Record<string, Expectation>;

describe('real WIPP and ICT manifests', () => {
  it('has all 105 fixtures and an expectation for each', () => {
    expect(manifestFixtureFiles).toHaveLength(105);
    expect(Object.keys(expectations).sort()).toEqual(manifestFixtureFiles);
  });

  it('has a provenance row for every fixture', () => {
    const index = readFileSync(path.join(manifestFixtureDir, 'INDEX.tsv'), 'utf8');
    const indexed = index
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[0]);
    expect(indexed.sort()).toEqual(manifestFixtureFiles);
  });

  describe.each(manifestFixtureFiles)('%s', (file) => {
    const result = parseFixture(file);
    const expected = expectations[file];

    it('imports', () => {
      expect(result.ok ? [] : result.errors).toEqual([]);
    });

    it('is detected as the expected format', () => {
      expect(result).toMatchObject({ ok: true, format: expected?.format });
    });

    it('reports exactly the expected warning paths', () => {
      expect(warningPaths(result)).toEqual(expected?.warnings);
    });

    it('normalises into the shared schema', () => {
      const manifest = result.ok ? result.manifest : undefined;
      const validation = normalisedManifestSchema.safeParse(manifest);
      expect(validation.success ? [] : validation.error.issues).toEqual([]);
    });

    it('words every warning as a sentence with what is valid', () => {
      for (const warning of result.ok ? result.warnings : []) {
        expect(warning.path).toMatch(/^\$/);
        expect(warning.problem).toMatch(/^[a-z'`$].*\.$/s);
        expect(warning.expected?.length).toBeGreaterThan(0);
      }
    });

    it('links every input to exactly one form field', () => {
      const manifest = result.ok ? result.manifest : undefined;
      for (const input of manifest?.inputs ?? []) {
        expect(manifest?.ui.some((field) => field.input === input.name)).toBe(true);
      }
    });
  });
});
