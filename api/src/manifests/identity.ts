import semver from 'semver';
import type { Diagnostics } from './diagnostics.ts';
import { describeType, quote, readText, type JsonObject } from './values.ts';

/** Returns the text of a scalar exactly as written in the file (`1.10`, not the number 1.1). */
export type SourceText = (path: readonly (string | number)[]) => string | undefined;

/**
 * Reads the plugin's name. A manifest without a usable name falls back to its title, because a
 * title is enough to identify a plugin. Without either, the manifest cannot be understood.
 */
export function readName(doc: JsonObject, nameKey: string, diagnostics: Diagnostics): string | undefined {
  const value = doc[nameKey];
  if (typeof value === 'string' && value.trim() !== '') {
    return value;
  }
  if (typeof value === 'number') {
    diagnostics.warn(
      [nameKey],
      `${nameKey} is a number, not a string; it is read as '${value}'.`,
      'a non-empty string',
    );
    return String(value);
  }

  const title = doc.title;
  const problem =
    value === undefined
      ? `${nameKey} is missing`
      : `${nameKey} is ${typeof value === 'string' ? 'empty' : describeType(value)}`;
  if (typeof title === 'string' && title.trim() !== '') {
    diagnostics.warn(
      [nameKey],
      `${problem}; the title ${quote(title)} is used as the name.`,
      'a non-empty string',
    );
    return title;
  }
  diagnostics.fail(
    [nameKey],
    `${problem} and there is no title to use instead, so the plugin cannot be identified.`,
    'a non-empty string',
  );
  return undefined;
}

/** Reads the title, falling back to the name with a warning when the schema requires a title. */
export function readTitle(
  doc: JsonObject,
  name: string,
  diagnostics: Diagnostics,
  options: { required: boolean },
): string {
  const title = readText(doc, 'title', [], diagnostics, {
    required: options.required,
    nonEmpty: true,
    nullable: !options.required,
  });
  return title ?? name;
}

/**
 * Reads the version. A number (`version: 1.0` in YAML) is taken as written in the file; a missing
 * version falls back to the image tag. Without either, versions of the plugin cannot be distinguished.
 */
export function readVersion(
  doc: JsonObject,
  imageTag: string | undefined,
  sourceText: SourceText,
  diagnostics: Diagnostics,
): string | undefined {
  const value = doc.version;
  let version: string;
  if (typeof value === 'string' && value.trim() !== '') {
    version = value.trim();
  } else if (typeof value === 'number') {
    version = sourceText(['version']) ?? String(value);
    diagnostics.warn(
      ['version'],
      `version is a number, not a string; it is read as '${version}'.`,
      'a string such as "1.2.3"',
    );
  } else {
    const problem =
      value === undefined
        ? 'version is missing'
        : `version is ${typeof value === 'string' ? 'empty' : describeType(value)}`;
    if (imageTag === undefined) {
      diagnostics.fail(
        ['version'],
        `${problem} and the image reference has no tag to use instead.`,
        'a string such as "1.2.3"',
      );
      return undefined;
    }
    diagnostics.warn(
      ['version'],
      `${problem}; the image tag '${imageTag}' is used as the version.`,
      'a string such as "1.2.3"',
    );
    version = imageTag;
  }

  if (semver.valid(version) === null) {
    diagnostics.warn(
      ['version'],
      `version ${quote(version)} is not a semantic version, so it cannot be ordered by precedence.`,
      'MAJOR.MINOR.PATCH, for example 1.2.3 or 1.2.3-dev0',
    );
  }
  return version;
}

/** Reads the image reference (`containerId` or ICT `container`); without it there is no image to show. */
export function readImageReference(
  doc: JsonObject,
  key: string,
  diagnostics: Diagnostics,
): string | undefined {
  const value = doc[key];
  const expected = 'an image reference such as wipp/example-plugin:1.0.0';
  if (typeof value === 'string' && value.trim() !== '') {
    if (/\s/.test(value.trim())) {
      diagnostics.fail(
        [key],
        `${key} ${quote(value)} contains white space, so it is not an image reference.`,
        expected,
      );
      return undefined;
    }
    if (value !== value.trim()) {
      diagnostics.warn([key], `${key} has white space around it, which is removed.`, expected);
    }
    return value.trim();
  }
  const problem =
    value === undefined
      ? `${key} is missing`
      : `${key} is ${typeof value === 'string' ? 'empty' : describeType(value)}`;
  diagnostics.fail([key], `${problem}, so the manifest names no container image.`, expected);
  return undefined;
}

/** Returns the tag of an image reference (`repo:tag`, `host:5000/repo:tag@sha256:...`), if it has one. */
export function imageTag(reference: string): string | undefined {
  const withoutDigest = reference.split('@', 1)[0] ?? reference;
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon === -1 ? undefined : lastSegment.slice(colon + 1);
}

/** Warns when the image tag and the version disagree, because then the shown image may not be this version. */
export function checkTagMatchesVersion(
  key: string,
  reference: string,
  version: string,
  diagnostics: Diagnostics,
): void {
  const tag = imageTag(reference);
  if (tag === undefined) {
    if (!reference.includes('@')) {
      diagnostics.warn(
        [key],
        `${key} ${quote(reference)} has no tag, so registries resolve it to 'latest'.`,
        `a tag equal to the version, such as :${version}`,
      );
    }
    return;
  }
  if (tag !== version) {
    diagnostics.warn([key], `${key} tag '${tag}' differs from version '${version}'.`, `the tag ${version}`);
  }
}

/**
 * Reads a URL field. The WIPP schema's default for these fields is the empty string, so an empty
 * value reads as absent without a warning.
 */
export function readUrl(
  doc: JsonObject,
  key: string,
  diagnostics: Diagnostics,
  options: { required?: boolean } = {},
): string | undefined {
  const value = readText(doc, key, [], diagnostics, { nullable: true, required: options.required });
  if (value === undefined || value.trim() === '') {
    if (options.required && value !== undefined) {
      diagnostics.warn([key], `${key} is empty.`, 'an absolute URL');
    }
    return undefined;
  }
  if (!URL.canParse(value.trim())) {
    diagnostics.warn(
      [key],
      `${key} ${quote(value)} is not an absolute URL.`,
      'an absolute URL such as https://github.com/org/repo',
    );
  }
  return value.trim();
}
