import { Router } from 'express';
import type { Logger } from 'pino';
import type { DatabaseContext } from '../db/engine.ts';
import { accountRoutes } from './account-routes.ts';
import type { AccountsConfig } from './config.ts';
import type { AccountsDeps } from './deps.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { createOidcSignIn } from './oidc-sign-in.ts';
import { createAccountLimiters, type AccountLimiters } from './rate-limits.ts';
import { sessionRoutes } from './session-routes.ts';
import { createSessionLayer } from './sessions.ts';
import { userRoutes } from './user-routes.ts';
import type { UserDeletionHook } from './users.ts';

export interface Accounts {
  /**
   * Mount first: its middleware reads the session cookie, sets `request.user` and checks CSRF tokens
   * for every API route mounted after it.
   */
  router: Router;
  limiters: AccountLimiters;
}

export async function createAccounts(
  context: DatabaseContext,
  config: AccountsConfig,
  options: { logger: Logger; deletionHooks?: UserDeletionHook[] },
): Promise<Accounts> {
  const sessions = await createSessionLayer(context, config);
  const limiters = createAccountLimiters(context, config);
  const deps: AccountsDeps = {
    context,
    config,
    sessions,
    limiters,
    deletionHooks: options.deletionHooks ?? [],
    oidc: config.oidc ? createOidcSignIn(context, config.oidc, sessions, options.logger) : undefined,
  };

  const router = Router();
  router.use(...sessions.middleware);
  router.use(sessionRoutes(deps));
  router.use(accountRoutes(deps));
  router.use(userRoutes(deps));
  router.use(invitationRoutes(deps));
  router.use(oidcRoutes(deps));
  return { router, limiters };
}

export { issueSetupToken } from './setup.ts';
export type { UserDeletionHook } from './users.ts';
