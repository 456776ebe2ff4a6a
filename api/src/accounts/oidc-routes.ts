import { Router } from 'express';
import { AppError } from '../http/errors.ts';
import type { AccountsDeps } from './deps.ts';

/** OpenID Connect sign-in routes. Both return 404 when no provider is configured. */
export function oidcRoutes(deps: AccountsDeps): Router {
  const router = Router();
  const notConfigured = () =>
    new AppError('not-found', 'OpenID Connect sign-in is not configured on this server.');

  router.get('/auth/oidc/start', async (request, response) => {
    if (!deps.oidc) throw notConfigured();
    await deps.oidc.start(request, response);
  });

  router.get('/auth/oidc/callback', async (request, response) => {
    if (!deps.oidc) throw notConfigured();
    await deps.oidc.callback(request, response);
  });

  return router;
}
