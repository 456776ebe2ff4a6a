import type { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;

/**
 * Builds a zod error map that words the problems of request input for its sender: the field first,
 * then what is valid (`kind must be one of key, identity`, `reason is required`). zod applies it
 * only where a schema sets no message of its own. `where` names the input when the problem is with
 * the whole of it (`body`, `query`).
 */
export function issueWording(where: string): z.core.$ZodErrorMap {
  return (issue) => {
    const subject = issue.path && issue.path.length > 0 ? issue.path.map(String).join('.') : where;
    return `${subject} ${describeProblem(issue)}`;
  };
}

function describeProblem(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeType(issue.expected, issue.input);
    case 'invalid_value':
      return `must be ${oneOf(issue.values)}`;
    case 'invalid_union':
      return describeUnion(issue);
    case 'too_small':
      return describeBound(issue.origin, 'min', issue.minimum, issue.inclusive !== false, issue.exact);
    case 'too_big':
      return describeBound(issue.origin, 'max', issue.maximum, issue.inclusive !== false, issue.exact);
    case 'invalid_format':
      return describeFormat(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return describeUnknownKeys(issue.keys, issue.inst);
    case 'invalid_key':
      return 'has a key that is not valid here';
    case 'invalid_element':
      return 'has an element that is not valid here';
    default:
      return 'is not valid';
  }
}

const expectedWording: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  record: 'an object',
  null: 'null',
  date: 'a date',
};

function describeType(expected: string, input: unknown): string {
  if (input === undefined || expected === 'nonoptional') return 'is required';
  const expectedText = expectedWording[expected] ?? `a value of type ${expected}`;
  // A fraction for a whole number is the right type of value, so only the expectation is worth saying.
  const received = expected === 'int' && typeof input === 'number' ? undefined : describeValueType(input);
  return received === undefined ? `must be ${expectedText}` : `must be ${expectedText}, not ${received}`;
}

/** Returns the JSON type of a value in words, or undefined for the NaN that a failed coercion leaves. */
function describeValueType(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : 'a number';
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function oneOf(values: readonly unknown[]): string {
  const listed = values.map(formatValue);
  return listed.length === 1 ? `${listed[0]}` : `one of ${listed.join(', ')}`;
}

function describeUnion(issue: Extract<RawIssue, { code: 'invalid_union' }>): string {
  const options = issue.options as readonly unknown[] | undefined;
  const discriminator = issue.discriminator as string | undefined;
  if (discriminator !== undefined && options !== undefined) {
    // The issue sits on the discriminator field, but its input is the object that should carry it.
    const input = issue.input as Record<string, unknown> | null | undefined;
    const present = input !== null && typeof input === 'object' && input[discriminator] !== undefined;
    return present ? `must be ${oneOf(options)}` : `is required: ${oneOf(options)}`;
  }
  return 'does not match any of the accepted forms';
}

function describeBound(
  origin: string,
  side: 'min' | 'max',
  bound: number | bigint,
  inclusive: boolean,
  exact: boolean | undefined,
): string {
  const limit = String(bound);
  const noun = origin === 'string' ? 'character' : ['array', 'set', 'map'].includes(origin) ? 'item' : '';
  const unit = noun === '' ? '' : ` ${noun}${limit === '1' ? '' : 's'}`;
  if (origin === 'date') {
    const when = new Date(Number(bound)).toISOString();
    return side === 'min' ? `must be at or after ${when}` : `must be at or before ${when}`;
  }
  if (exact) return unit === '' ? `must be exactly ${limit}` : `must have exactly ${limit}${unit}`;
  if (side === 'min' && limit === '1' && unit !== '') return 'must not be empty';
  if (unit !== '') return `must have ${side === 'min' ? 'at least' : 'at most'} ${limit}${unit}`;
  if (side === 'min') return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

const formatWording: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  guid: 'a UUID',
  datetime: 'a date and time in ISO 8601 format, for example 2026-01-31T12:00:00Z',
  date: 'a date in YYYY-MM-DD format',
  time: 'a time in HH:MM:SS format',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64 text',
};

function describeFormat(issue: Extract<RawIssue, { code: 'invalid_format' }>): string {
  const extra = issue as { prefix?: string; suffix?: string; includes?: string; pattern?: string };
  switch (issue.format) {
    case 'starts_with':
      return `must start with ${extra.prefix}`;
    case 'ends_with':
      return `must end with ${extra.suffix}`;
    case 'includes':
      return `must contain ${extra.includes}`;
    case 'regex':
      return extra.pattern ? `must match the pattern ${extra.pattern}` : 'does not have the expected format';
    default:
      return `must be ${formatWording[issue.format] ?? `in ${issue.format} format`}`;
  }
}

function describeUnknownKeys(keys: readonly string[], schema: unknown): string {
  const named = keys.length === 1 ? `an unknown field ${keys[0]}` : `unknown fields ${keys.join(', ')}`;
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  const accepted = shape ? Object.keys(shape) : [];
  return accepted.length > 0
    ? `has ${named}; the accepted fields are ${accepted.join(', ')}`
    : `has ${named}`;
}
