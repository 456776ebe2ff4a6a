// Orders plugin versions by semantic-version precedence where a version has numeric parts, which real
// manifests mostly do even when they are not strict semver ("openmp-0.1.6", "1.0", "0.1.3debug4").

const numericCore = /(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(.*)$/;

function pad(part: string | undefined): string {
  return (part ?? '0').replace(/^0+(?=\d)/, '').padStart(10, '0');
}

/**
 * Builds a string key whose lexicographic order is version precedence: numeric parts first, then a
 * release ranks above its pre-releases (`1.0.0` > `1.0.0-dev0`). Versions without digits sort first.
 */
export function versionSortKey(version: string): string {
  const match = numericCore.exec(version);
  if (!match) return `0|${version}`;
  const [, major, minor, patch, build, rest = ''] = match;
  const suffix = rest.replace(/^[-+.]/, '');
  // '~' sorts after every letter and digit, so a plain release outranks any pre-release suffix.
  const release = suffix === '' ? '~' : suffix.toLowerCase();
  return `1|${pad(major)}.${pad(minor)}.${pad(patch)}.${pad(build)}|${release}`;
}
