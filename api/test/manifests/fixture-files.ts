import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifest, type ManifestParseResult } from '../../src/manifests/parse.ts';

export const manifestFixtureDir = path.join(import.meta.dirname, '../fixtures/wipp-manifests');

/** The 105 real manifests, sorted by file name. */
export const manifestFixtureFiles: string[] = readdirSync(manifestFixtureDir)
  .filter((file) => file !== 'INDEX.tsv' && file !== 'README.md')
  .sort();

export function readFixture(file: string): Uint8Array {
  return readFileSync(path.join(manifestFixtureDir, file));
}

export function parseFixture(file: string): ManifestParseResult {
  return parseManifest({ bytes: readFixture(file), fileName: file });
}

/** Parses manifest text written in a test; the file name decides between JSON and YAML syntax. */
export function parseText(text: string, fileName = 'plugin.json'): ManifestParseResult {
  return parseManifest({ bytes: new TextEncoder().encode(text), fileName });
}

/** Parses a manifest written in a test as a JavaScript value, serialised as JSON. */
export function parseObject(value: unknown, fileName = 'plugin.json'): ManifestParseResult {
  return parseText(JSON.stringify(value, null, 2), fileName);
}

/** Sorted warning paths (a path with two warnings appears twice), as the expectations file lists them. */
export function warningPaths(result: ManifestParseResult): string[] {
  if (!result.ok) {
    throw new Error(`expected the manifest to import, got errors: ${JSON.stringify(result.errors)}`);
  }
  return result.warnings.map((warning) => warning.path).sort();
}
