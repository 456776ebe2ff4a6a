import type { Diagnostics } from './diagnostics.ts';
import type { JsonPath } from './json-path.ts';
import { describeType, isObject, type JsonObject } from './values.ts';

export interface Entry {
  /** The key of a dict-keyed entry; list entries carry their name inside. */
  key?: string;
  value: JsonObject;
  path: JsonPath;
}

/**
 * Lists the entries of `inputs`, `outputs` or `ui`, accepting both a list and the dict-keyed shape
 * (an object keyed by input name) that PolusAI's newer plugin template writes. Entries that are not
 * objects are reported and skipped.
 */
export function readEntries(
  parent: JsonObject,
  key: string,
  diagnostics: Diagnostics,
  options: { required: boolean },
): Entry[] {
  const value = parent[key];
  const path = [key];
  if (value === undefined || value === null) {
    if (options.required) {
      const problem = `${key} is ${value === null ? 'null' : 'missing'}; it is read as an empty list.`;
      diagnostics.warn(path, problem, 'a list');
    }
    return [];
  }

  const entries: Entry[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) => entries.push(...objectEntry(item, [...path, index], diagnostics)));
  } else if (isObject(value)) {
    diagnostics.warn(path, `${key} is an object keyed by name; the schema expects a list.`, 'a list');
    for (const [name, item] of Object.entries(value)) {
      entries.push(
        ...objectEntry(item, [...path, name], diagnostics).map((entry) => ({ ...entry, key: name })),
      );
    }
  } else {
    diagnostics.warn(path, `${key} is ${describeType(value)}; it is read as an empty list.`, 'a list');
  }
  return entries;
}

function objectEntry(item: unknown, path: JsonPath, diagnostics: Diagnostics): Entry[] {
  if (!isObject(item)) {
    diagnostics.warn(path, `entry is ${describeType(item)} and is ignored.`, 'an object');
    return [];
  }
  return [{ value: item, path }];
}

/** Reads an entry's name: the `name` property, or the key of a dict-keyed entry. */
export function entryName(entry: Entry, diagnostics: Diagnostics, label: string): string | undefined {
  const written = entry.value.name;
  if (entry.key !== undefined) {
    if (written !== undefined && written !== entry.key) {
      diagnostics.warn(
        [...entry.path, 'name'],
        `${label} name '${String(written)}' differs from its key '${entry.key}'; the key is used.`,
        entry.key,
      );
    }
    return entry.key;
  }
  if (typeof written === 'string' && written.trim() !== '') {
    return written;
  }
  const problem =
    written === undefined
      ? `${label} has no name and is ignored.`
      : `${label} name is ${describeType(written)} and the ${label} is ignored.`;
  diagnostics.warn([...entry.path, 'name'], problem, 'a non-empty string');
  return undefined;
}

/** Warns about every name used by more than one entry; later duplicates are dropped. */
export function dropDuplicateNames<T>(
  items: T[],
  nameOf: (item: T) => string,
  pathOf: (item: T) => JsonPath,
  diagnostics: Diagnostics,
  label: string,
): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const name = nameOf(item);
    if (seen.has(name)) {
      diagnostics.warn(
        pathOf(item),
        `${label} name '${name}' is used more than once; this later ${label} is ignored.`,
        'unique names',
      );
      return false;
    }
    seen.add(name);
    return true;
  });
}
