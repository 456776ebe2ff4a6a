import type { Request } from 'express';
import type { z } from 'zod';
import { invalidInput } from './errors.ts';

/**
 * Reads query parameters into an object where keys listed in `arrayKeys` are always arrays, since a
 * query string repeats a key for several values (`inputType=a&inputType=b`).
 */
function normaliseQuery(query: Request['query'], arrayKeys: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (arrayKeys.includes(key)) {
      result[key] = (Array.isArray(value) ? value : [value]).filter(
        (item) => typeof item === 'string' && item !== '',
      );
    } else {
      result[key] = Array.isArray(value) ? value[value.length - 1] : value;
    }
  }
  return result;
}

export function parseQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  arrayKeys: readonly string[] = [],
): z.infer<Schema> {
  const result = schema.safeParse(normaliseQuery(request.query, arrayKeys));
  if (!result.success) throw invalidInput(result.error, 'query');
  return result.data;
}

export function parseBody<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(request.body);
  if (!result.success) throw invalidInput(result.error, 'body');
  return result.data;
}
