import type { Diagnostics } from './diagnostics.ts';
import type { JsonPath } from './json-path.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names a JSON value's type for messages: `a string`, `a list`, `null`, ... */
export function describeType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

const maxQuotedLength = 80;

/**
 * Writes a value for a message: strings in single quotes, other values as JSON, shortened so that a
 * huge value cannot flood a warning.
 */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const shortened = text.length > maxQuotedLength ? `${text.slice(0, maxQuotedLength)}...` : text;
  return typeof value === 'string' ? `'${shortened}'` : shortened;
}

export interface TextOptions {
  /** Warn when the key is absent. */
  required?: boolean;
  /** The schema allows `null`, which then reads as absent without a warning. */
  nullable?: boolean;
  /** Warn about an empty or blank string and read it as absent. */
  nonEmpty?: boolean;
}

/**
 * Reads `parent[key]` as text. A number or boolean is converted with a warning; any other type is
 * reported and read as absent.
 */
export function readText(
  parent: JsonObject,
  key: string,
  path: JsonPath,
  diagnostics: Diagnostics,
  options: TextOptions = {},
): string | undefined {
  const value = parent[key];
  const at = [...path, key];
  if (value === undefined) {
    if (options.required) diagnostics.warn(at, `${key} is missing.`, 'a string');
    return undefined;
  }
  if (value === null) {
    if (!options.nullable) diagnostics.warn(at, `${key} is null.`, 'a string');
    return undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    diagnostics.warn(
      at,
      `${key} is ${describeType(value)}, not a string; it is read as '${String(value)}'.`,
      'a string',
    );
    return String(value);
  }
  if (typeof value !== 'string') {
    diagnostics.warn(at, `${key} is ${describeType(value)} and is ignored.`, 'a string');
    return undefined;
  }
  if (options.nonEmpty && value.trim() === '') {
    diagnostics.warn(at, `${key} is empty.`, 'a non-empty string');
    return undefined;
  }
  return value;
}

/**
 * Reads a `required` flag. Both schemas define it as a boolean, but real manifests also write the
 * strings `"True"` and `"false"`, which are accepted with a warning.
 */
export function readRequiredFlag(
  parent: JsonObject,
  path: JsonPath,
  diagnostics: Diagnostics,
  options: { missing: 'default-true' | 'warn-true' },
): boolean {
  const value = parent.required;
  const at = [...path, 'required'];
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === undefined) {
    if (options.missing === 'warn-true') {
      diagnostics.warn(at, 'required is missing; the input is read as required.', 'true or false');
    }
    return true;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    const flag = value.trim().toLowerCase() === 'true';
    diagnostics.warn(
      at,
      `required is the string ${quote(value)}, not a boolean; it is read as ${flag}.`,
      'true or false',
    );
    return flag;
  }
  diagnostics.warn(
    at,
    `required is ${describeType(value)} ${quote(value)}; the input is read as required.`,
    'true or false',
  );
  return true;
}

/** Reads a list of strings; a single string becomes a one-item list, with a warning. */
export function readStringList(
  value: unknown,
  path: JsonPath,
  diagnostics: Diagnostics,
  label: string,
): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    diagnostics.warn(path, `${label} is a single string, not a list of strings.`, 'a list of strings');
    return [value];
  }
  if (!Array.isArray(value)) {
    diagnostics.warn(path, `${label} is ${describeType(value)} and is ignored.`, 'a list of strings');
    return undefined;
  }
  const items: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') {
      items.push(item);
    } else if (typeof item === 'number' || typeof item === 'boolean') {
      diagnostics.warn([...path, index], `${label} item is ${describeType(item)}, not a string.`, 'a string');
      items.push(String(item));
    } else {
      diagnostics.warn(
        [...path, index],
        `${label} item is ${describeType(item)} and is ignored.`,
        'a string',
      );
    }
  });
  return items;
}

/** Copies the defined values only, so that absent optional fields stay absent rather than `undefined`. */
export function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) {
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
}

/** Joins a list of names with commas; a single string is returned as it is. */
export function joinNames(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return undefined;
}

/** Reads an optional object field; a value of another type is ignored with a warning naming `expected`. */
export function readOptionalObject(
  doc: JsonObject,
  key: string,
  expected: string,
  diagnostics: Diagnostics,
): Record<string, unknown> | undefined {
  const value = doc[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    diagnostics.warn([key], `${key} is ${describeType(value)} and is ignored.`, expected);
    return undefined;
  }
  return value;
}
