import type { z } from 'zod';

export type ScanReportErrorKind =
  | 'too-large'
  | 'invalid-json'
  | 'unknown-format'
  | 'unsupported-version'
  | 'invalid-report'
  | 'too-many-findings'
  | 'digest-mismatch';

/** A report that Assay cannot use, with the JSON path of the problem and, where it helps, what is valid there. */
export class ScanReportError extends Error {
  readonly kind: ScanReportErrorKind;
  /** JSON path into the document, `$` for the whole document. */
  readonly path: string;
  readonly problem: string;
  readonly expected: string | undefined;
  /** Number of further problems the validator found after this one. */
  readonly otherProblems: number;

  constructor(
    kind: ScanReportErrorKind,
    path: string,
    problem: string,
    expected?: string,
    otherProblems = 0,
  ) {
    const where =
      expected === undefined ? `${path}: ${problem}` : `${path}: ${problem}; expected ${expected}`;
    const more =
      otherProblems === 0
        ? ''
        : `. ${otherProblems} more ${otherProblems === 1 ? 'problem was' : 'problems were'} found in the report`;
    super(`${where}${more}`);
    this.name = 'ScanReportError';
    this.kind = kind;
    this.path = path;
    this.problem = problem;
    this.expected = expected;
    this.otherProblems = otherProblems;
  }
}

const identifierKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends one key or index to a JSON path: `.name`, `[3]`, or `["key with spaces"]`. */
export function childPath(path: string, key: PropertyKey): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = String(key);
  return identifierKey.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const expectedTypeNames: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  nonoptional: 'a value',
};

/**
 * Converts the first zod issue into a ScanReportError. `root` is the value that was validated and
 * `basePath` its JSON path, so the error can name the full path and the type actually found there.
 */
export function errorFromZod(error: z.ZodError, basePath: string, root: unknown): ScanReportError {
  const issue = error.issues[0];
  if (issue === undefined) return new ScanReportError('invalid-report', basePath, 'the report is invalid');

  const path = issue.path.reduce<string>((soFar, key) => childPath(soFar, key), basePath);
  const others = error.issues.length - 1;

  if (issue.code === 'invalid_type') {
    const found = valueAt(root, issue.path);
    const problem = `the value is ${describeJsonType(found)}`;
    const expected = expectedTypeNames[issue.expected] ?? issue.expected;
    return new ScanReportError('invalid-report', path, problem, expected, others);
  }
  return new ScanReportError('invalid-report', path, issue.message, undefined, others);
}

/** Describes a JSON value's type for error messages: `missing`, `null`, `an array`, `a string`, ... */
export function describeJsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
