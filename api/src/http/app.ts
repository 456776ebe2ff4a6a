import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler, rejectDeepNesting, rejectNulCharacters } from './errors.ts';
import { createRequestLogger } from './logger.ts';

export interface AppOptions {
  logger: Logger;
  /** Routers mounted under /api/v1, in order. */
  apiRouters: Router[];
  /** Folder of the built SPA; when it exists, its files are served and unknown paths get index.html. */
  webDir?: string;
  /** Largest JSON request body, in bytes. */
  jsonLimitBytes?: number;
  trustProxy?: boolean;
  /**
   * Sends Strict-Transport-Security. Only for a deployment reached over HTTPS (an https PUBLIC_URL):
   * browsers ignore the header on plain HTTP, and it would wrongly claim HTTPS for that host.
   */
  strictTransportSecurity?: boolean;
}

/** Builds the Express app: security headers, request logging, the API, the SPA, and one error handler. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', 1);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: options.strictTransportSecurity === true,
    }),
  );
  app.use(createRequestLogger(options.logger));

  const api = express.Router();
  const json = express.json({ limit: options.jsonLimitBytes ?? 256 * 1024 });
  // Manifest uploads carry the file's own bytes whatever their content type, read by that route's
  // own parser with the manifest size limit.
  api.use((request, response, next) =>
    request.method === 'POST' && request.path === '/manifests' ? next() : json(request, response, next),
  );
  api.use(rejectDeepNesting);
  api.use(rejectNulCharacters);
  api.use((_request, response, next) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  for (const router of options.apiRouters) api.use(router);
  api.use(notFoundHandler);
  app.use('/api/v1', api);

  const webDir = options.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    app.use(
      '/assets',
      express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use(express.static(webDir, { index: false, maxAge: '5m' }));
    app.get('/{*path}', (_request, response) => {
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(path.join(webDir, 'index.html'));
    });
  }

  app.use(errorHandler);
  return app;
}
