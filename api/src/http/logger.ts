import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { pinoHttp } from 'pino-http';

export function createLogger(level: LevelWithSilent): Logger {
  return pino({
    level,
    // Credentials must never reach the log, even if a future log call passes a whole request or config.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'token',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

export function createRequestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response) => {
      const supplied = request.headers['x-request-id'];
      const id = typeof supplied === 'string' && requestIdPattern.test(supplied) ? supplied : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_request, response, error) => {
      // The error handler already logged the failure with its cause; a second line would repeat it.
      if (error || response.statusCode >= 500) return 'silent';
      if (response.statusCode >= 400) return 'info';
      return 'debug';
    },
    serializers: {
      // The query string is left out: invitation and setup tokens travel in it.
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url.split('?')[0],
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
}
