import zlib from 'node:zlib';
import type { Request } from 'express';
import { AppError } from './app-error.ts';

/** Content codings body-parser 2 decodes; zstd only where the Node.js build has it. */
const supportedEncodings = ['gzip', 'deflate', 'br', ...('createZstdDecompress' in zlib ? ['zstd'] : [])];
const encodingAdvice = `Send the body uncompressed without Content-Encoding, or encoded with one of ${supportedEncodings.join(', ')}.`;

// busboy 1.6 (under multer) raises plain errors without a code or status for multipart bodies it
// cannot read, so only these messages distinguish them from a fault in Assay.
const multipartFramingErrors = new Set([
  'Malformed part header',
  'Unexpected end of form',
  'Unexpected end of file',
]);
const multipartHeaderErrors = new Set(['Multipart: Boundary not found', 'Malformed content type']);

interface BodyReadError {
  status?: unknown;
  type?: unknown;
  expose?: unknown;
  limit?: unknown;
  charset?: unknown;
  encoding?: unknown;
  message?: unknown;
}

/**
 * Converts an error that body-parser (JSON and raw bodies) or multer (multipart uploads) raised while
 * reading a request body into a 4xx error whose message names what to send instead. Returns undefined
 * for any other error.
 */
export function describeBodyError(error: unknown, request: Request): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const fields = error as BodyReadError;
  const type = typeof fields.type === 'string' ? fields.type : undefined;
  const status = typeof fields.status === 'number' ? fields.status : undefined;

  if (status === 413 || type === 'entity.too.large') {
    const bound = typeof fields.limit === 'number' ? ` (${fields.limit} bytes)` : '';
    return new AppError(
      'payload-too-large',
      `The request body is larger than this endpoint accepts${bound}.`,
    );
  }
  switch (type) {
    case 'entity.parse.failed':
      return new AppError(
        'invalid-input',
        'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.',
      );
    case 'encoding.unsupported':
      return new AppError(
        'invalid-input',
        `Content-Encoding ${String(fields.encoding ?? request.headers['content-encoding'])} is not supported. ${encodingAdvice}`,
      );
    case 'charset.unsupported':
      return new AppError(
        'invalid-input',
        `The charset ${String(fields.charset)} in Content-Type is not supported. Send the body as UTF-8.`,
      );
    case 'request.size.invalid':
      return new AppError(
        'invalid-input',
        'The request body is shorter or longer than its Content-Length header says.',
      );
    case 'request.aborted':
      return new AppError('invalid-input', 'The client closed the connection before the request body ended.');
  }

  const encoding = request.headers['content-encoding'];
  if (status === 400 && type === undefined && encoding !== undefined && encoding !== 'identity') {
    // body-parser passes the decompression error of zlib on with status 400 and no type.
    return new AppError(
      'invalid-input',
      `The request body is not valid ${encoding} data (${error.message}). ${encodingAdvice}`,
    );
  }

  if (request.is('multipart/form-data')) {
    if (multipartHeaderErrors.has(error.message)) {
      return new AppError(
        'invalid-input',
        'Content-Type multipart/form-data needs a boundary parameter, for example `multipart/form-data; boundary=----assay`.',
      );
    }
    if (multipartFramingErrors.has(error.message)) {
      return new AppError(
        'invalid-input',
        `The multipart/form-data body is malformed (${error.message}). Send complete parts, each opened by the boundary that Content-Type names, and end the body with the closing boundary.`,
      );
    }
  }

  // Any other body-parser error that http-errors marked as safe to show.
  if (fields.expose === true && (status === 400 || status === 415)) {
    return new AppError('invalid-input', `The request body could not be read: ${error.message}.`);
  }
  return undefined;
}
