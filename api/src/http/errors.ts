import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { ErrorBody } from '../contract/errors.ts';
import { findExcessiveNesting } from '../lib/nesting.ts';
import { findNulCharacter, nulProblem } from '../lib/nul.ts';
import { RegistryError } from '../registry/types.ts';
import { AppError } from './app-error.ts';
import { describeBodyError } from './body-errors.ts';

export { AppError } from './app-error.ts';

/** Words an issue once: a message that already starts with its field or path is not prefixed again. */
function describeIssue(issue: { path: string; message: string }): string {
  const field = issue.path.split('.').pop() ?? issue.path;
  const named = [issue.path, field].some((subject) => issue.message.startsWith(`${subject} `));
  return named ? issue.message : `${issue.path} ${issue.message}`;
}

/** Turns a zod error into `invalid-input` with one detail per problem (`{ path, message }`). */
export function invalidInput(error: z.ZodError, where: string): AppError {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || where,
    message: issue.message,
  }));
  const first = details[0];
  return new AppError(
    'invalid-input',
    first ? `Invalid ${where}: ${describeIssue(first)}` : `Invalid ${where}`,
    details,
  );
}

/** Maps a registry failure to the API's upstream errors, naming the registry and never its credentials. */
export function fromRegistryError(error: RegistryError): AppError {
  switch (error.kind) {
    case 'timeout':
      return new AppError('upstream-timeout', `Registry ${error.host} timed out.`, {
        registry: error.host,
      });
    case 'not-found':
      return new AppError('not-found', error.message, { registry: error.host });
    case 'not-configured':
      return new AppError('not-found', `Registry ${error.host} is not configured in Assay.`, {
        registry: error.host,
      });
    case 'rate-limited':
      return new AppError('upstream-unavailable', `Registry ${error.host} is rate limiting requests.`, {
        registry: error.host,
        retryAfterSeconds: error.retryAfterSeconds,
      });
    default:
      return new AppError('upstream-unavailable', `Registry ${error.host} failed: ${error.message}`, {
        registry: error.host,
        kind: error.kind,
      });
  }
}

function toAppError(error: unknown, request: Request): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RegistryError) return fromRegistryError(error);
  if (error instanceof z.ZodError) return invalidInput(error, 'request');
  // Express throws URIError when a path parameter has invalid percent-encoding, such as %ff.
  if (error instanceof URIError) {
    return new AppError('invalid-input', 'The URL contains invalid percent-encoding.');
  }
  return (
    describeBodyError(error, request) ??
    new AppError('internal', 'Something went wrong on the server. The error has been logged.')
  );
}

export const errorHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const appError = toAppError(error, request);
  if (appError.code === 'internal') {
    request.log.error({ err: error }, 'request failed');
  } else if (appError.status >= 500) {
    request.log.warn({ err: error, code: appError.code }, 'upstream failure');
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  response.status(appError.status).json(body);
};

/**
 * Deepest nesting of objects and arrays accepted in a JSON request body (the top level is level 1).
 * The API's own bodies nest a few levels, and the bound keeps recursive walks such as the NUL check
 * below far from the stack limit.
 */
export const maxJsonBodyDepth = 32;

/** Rejects a JSON body nested more than {@link maxJsonBodyDepth} levels deep, before anything walks it. */
export const rejectDeepNesting: RequestHandler = (request, _response, next) => {
  const path = findExcessiveNesting(request.body, maxJsonBodyDepth);
  const problem = `is nested more than ${maxJsonBodyDepth} levels deep; request bodies nest objects and arrays at most ${maxJsonBodyDepth} levels`;
  next(
    path
      ? new AppError('invalid-input', `Invalid body: ${path} ${problem}.`, [{ path, message: problem }])
      : undefined,
  );
};

/** Rejects a URL or JSON body that contains U+0000, which PostgreSQL text columns cannot hold. */
export const rejectNulCharacters: RequestHandler = (request, _response, next) => {
  if (/%00/i.test(request.originalUrl)) {
    next(new AppError('invalid-input', `The URL ${nulProblem}.`));
    return;
  }
  const path = findNulCharacter(request.body);
  next(
    path
      ? new AppError('invalid-input', `Invalid body: ${path} ${nulProblem}.`, [{ path, message: nulProblem }])
      : undefined,
  );
};

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(new AppError('not-found', `No API route matches ${request.method} ${request.path}.`));
};
