import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../contract/errors.ts';
import { findNulCharacter, nulProblem } from '../lib/nul.ts';
import { RegistryError } from '../registry/types.ts';

const statusByCode: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  'upstream-unavailable': 502,
  'upstream-timeout': 504,
  internal: 500,
};

/** An error whose message is safe to show to the user; the one error type routes throw. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

/** Turns a zod error into `invalid-input` with one detail per problem (`{ path, message }`). */
/** Words an issue once: messages that already start with their field name are not prefixed again. */
function describeIssue(issue: { path: string; message: string }): string {
  const field = issue.path.split('.').pop() ?? issue.path;
  return issue.message.startsWith(`${field} `) ? issue.message : `${issue.path} ${issue.message}`;
}

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

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RegistryError) return fromRegistryError(error);
  if (error instanceof z.ZodError) return invalidInput(error, 'request');
  // Express throws URIError when a path parameter has invalid percent-encoding, such as %ff.
  if (error instanceof URIError) {
    return new AppError('invalid-input', 'The URL contains invalid percent-encoding.');
  }
  // Body-parser errors carry a status and a type; they are the client's fault and safe to describe.
  const status = (error as { status?: number; type?: string }).status;
  const type = (error as { type?: string }).type;
  if (status === 413 || type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    const bound = typeof limit === 'number' ? ` (${limit} bytes)` : '';
    return new AppError(
      'payload-too-large',
      `The request body is larger than this endpoint accepts${bound}.`,
    );
  }
  if (status === 400 && type === 'entity.parse.failed') {
    return new AppError('invalid-input', 'The request body is not valid JSON.');
  }
  return new AppError('internal', 'Something went wrong on the server. The error has been logged.');
}

export const errorHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const appError = toAppError(error);
  if (appError.code === 'internal') {
    request.log.error({ err: error }, 'request failed');
  } else if (appError.status >= 500) {
    request.log.warn({ err: error, code: appError.code }, 'upstream failure');
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  response.status(appError.status).json(body);
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
