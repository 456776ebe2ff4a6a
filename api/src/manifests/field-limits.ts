import type { ManifestError, NormalisedManifest } from '../contract/manifest.ts';

// Upper bounds on the identity and summary fields. The plugin name becomes a URL path segment and the
// version another, and both appear in every catalog response, so an unbounded value could make pages
// unreachable (HTTP 431) or responses huge. Each bound is at least twice the longest value among the
// 105 real fixture manifests (name 47, version 48, description 160, citation 519 characters).
const maxLengths = {
  name: 200,
  version: 100,
  title: 300,
  containerId: 500,
  author: 2_000,
  institution: 1_000,
  description: 20_000,
  citation: 5_000,
} as const;

// A version is a URL path segment; these would be rewritten by browsers or break the route.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects.
const unsafeVersion = /^\.{1,2}$|[/\\?#%\u0000-\u001f\u007f]/;

/** Lists every field of a normalised manifest that is too long or unusable as a URL segment. */
export function checkFieldLimits(manifest: NormalisedManifest, fileName: string): ManifestError[] {
  const errors: ManifestError[] = [];
  for (const [field, max] of Object.entries(maxLengths) as Array<[keyof typeof maxLengths, number]>) {
    const value = manifest[field];
    if (typeof value === 'string' && value.length > max) {
      errors.push({
        file: fileName,
        path: `$.${field}`,
        problem: `${field} is ${value.length} characters long, more than the ${max} Assay accepts.`,
        expected: `at most ${max} characters`,
      });
    }
  }
  if (unsafeVersion.test(manifest.version)) {
    errors.push({
      file: fileName,
      path: '$.version',
      problem: `version '${manifest.version}' cannot be used in a URL: it is "." or "..", or contains /, \\, ?, #, % or a control character.`,
      expected: 'a version such as 1.2.3',
    });
  }
  return errors;
}
