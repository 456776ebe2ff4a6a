import type { PluginInput } from '../contract/manifest.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { JsonPath } from './json-path.ts';
import { describeType, quote } from './values.ts';

const numericText = /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/;

/**
 * Checks a default value against its input's type. Text that clearly means a boolean or a number
 * (`"False"`, `"0.5"`) is converted with a warning, so that the form starts with a usable value.
 * Anything else is kept as written, with a warning when it does not fit.
 */
export function readDefault(
  value: unknown,
  input: Pick<PluginInput, 'name' | 'type' | 'options'>,
  path: JsonPath,
  diagnostics: Diagnostics,
): unknown {
  const mismatch = (read: string) =>
    `default ${quote(value)} is ${describeType(value)} but input '${input.name}' is of type ${input.type}; ${read}.`;

  switch (input.type) {
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) {
        const flag = value.trim().toLowerCase() === 'true';
        diagnostics.warn(path, mismatch(`it is read as ${flag}`), 'true or false');
        return flag;
      }
      diagnostics.warn(path, mismatch('it is kept as written'), 'true or false');
      return value;
    }
    case 'number':
    case 'integer': {
      const expected = input.type === 'integer' ? 'a whole number' : 'a number';
      if (typeof value === 'string' && numericText.test(value)) {
        const number = Number(value);
        diagnostics.warn(path, mismatch(`it is read as ${number}`), expected);
        return number;
      }
      if (typeof value !== 'number') {
        diagnostics.warn(path, mismatch('it is kept as written'), expected);
        return value;
      }
      if (input.type === 'integer' && !Number.isInteger(value)) {
        diagnostics.warn(
          path,
          `default ${value} is not a whole number but input '${input.name}' is of type integer.`,
          expected,
        );
      }
      return value;
    }
    case 'enum': {
      const options = input.options ?? [];
      const expected = options.length > 0 ? `one of ${options.join(', ')}` : 'one of the options';
      if (typeof value === 'number' && options.includes(String(value))) {
        return String(value);
      }
      if (typeof value !== 'string') {
        diagnostics.warn(path, mismatch('it is kept as written'), expected);
        return value;
      }
      if (options.length > 0 && !options.includes(value)) {
        diagnostics.warn(
          path,
          `default ${quote(value)} is not one of the options of input '${input.name}'.`,
          expected,
        );
      }
      return value;
    }
    default:
      return value;
  }
}
