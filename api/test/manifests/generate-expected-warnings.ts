// Writes expected-warnings.json from the current parser output. Run it only after a deliberate
// change to the parser, then review the diff by hand: the test compares against this file.
//
//   node api/test/manifests/generate-expected-warnings.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { manifestFixtureFiles, parseFixture, warningPaths } from './fixture-files.ts';

const expectations: Record<string, { format: string; warnings: string[] }> = {};
for (const file of manifestFixtureFiles) {
  const result = parseFixture(file);
  if (!result.ok) {
    throw new Error(`${file} was rejected: ${JSON.stringify(result.errors)}`);
  }
  expectations[file] = { format: result.format, warnings: warningPaths(result) };
}
const target = path.join(import.meta.dirname, 'expected-warnings.json');
// Formatted like the rest of the repository, so that a run without parser changes leaves no diff.
const options = await resolveConfig(target);
writeFileSync(target, await format(JSON.stringify(expectations), { ...options, filepath: target }));
console.log(`wrote ${Object.keys(expectations).length} fixtures to ${target}`);
