import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { invalidInput } from './errors.ts';
import { issueWording } from './issue-wording.ts';

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

/**
 * Rejects a query parameter that the object schema does not name. Ignoring it would hide a typo
 * (`limit` for `pageSize`) behind a response that looks right.
 */
function rejectUnknownParameters(query: Record<string, unknown>, schema: z.ZodType): void {
  if (!(schema instanceof z.ZodObject)) return;
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;

  const valid =
    known.length > 0 ? `Valid parameters: ${known.join(', ')}.` : 'This endpoint takes no parameters.';
  const named = unknown.length === 1 ? `parameter ${unknown[0]}` : `parameters ${unknown.join(', ')}`;
  throw new AppError(
    'invalid-input',
    `Invalid query: unknown ${named}. ${valid}`,
    unknown.map((key) => ({ path: key, message: `${key} is not a parameter of this endpoint. ${valid}` })),
  );
}

/** Validates the query string against an object schema, rejecting parameters the schema does not name. */
export function parseQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  arrayKeys: readonly string[] = [],
): z.infer<Schema> {
  const query = normaliseQuery(request.query, arrayKeys);
  rejectUnknownParameters(query, schema);

  const result = schema.safeParse(query, { error: issueWording('query') });
  if (!result.success) throw invalidInput(result.error, 'query');
  return result.data;
}

/**
 * Validates a JSON request body. A body that express.json left unread because its Content-Type is
 * not JSON is rejected with a message that names that Content-Type, instead of one about a missing field.
 */
export function parseBody<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(request.body, { error: issueWording('body') });
  if (result.success) return result.data;

  if (request.body === undefined) throw missingJsonBody(request);
  throw invalidInput(result.error, 'body');
}

function missingJsonBody(request: Request): AppError {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  // Only the media type is echoed, shortened, because the header comes from the sender.
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().slice(0, 100);
  let problem: string;
  if (!hasBody) problem = 'the request has no body';
  else if (mediaType) problem = `it was sent as ${mediaType}, which is not read as JSON`;
  else problem = 'it was sent without a Content-Type header, so it is not read as JSON';
  return new AppError(
    'invalid-input',
    `Invalid body: ${problem}. Send a JSON object with Content-Type: application/json.`,
    [{ path: 'body', message: 'a JSON object sent with Content-Type: application/json is required' }],
  );
}
