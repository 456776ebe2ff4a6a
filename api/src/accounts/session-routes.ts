import { Router, type Request } from 'express';
import {
  setupBodySchema,
  setupPreviewQuerySchema,
  signInBodySchema,
  signUpBodySchema,
  type SessionState,
  type SignedIn,
} from '../contract/accounts.ts';
import { AppError } from '../http/errors.ts';
import { parseBody, parseQuery } from '../http/validate.ts';
import { createLocalAccount } from './create-account.ts';
import type { AccountsDeps } from './deps.ts';
import { createFirstAdmin, previewSetupToken } from './setup.ts';
import { authenticate } from './sign-in.ts';
import { adminExists, toSessionUser } from './users.ts';

function requestFacts(request: Request) {
  return { requestId: String(request.id), ip: request.ip };
}

/** Session state, sign-in and sign-out, open sign-up, and the first-admin setup. */
export function sessionRoutes(deps: AccountsDeps): Router {
  const { context, config, sessions, limiters } = deps;
  const router = Router();

  router.get('/session', async (request, response) => {
    const state: SessionState = {
      user: request.user ?? null,
      csrfToken: sessions.csrf.token(request, response),
      signUp: config.signUp,
      oidc: { enabled: deps.oidc !== undefined, label: config.oidc?.label ?? '' },
      setupRequired: !(await adminExists(context.db)),
    };
    response.json(state);
  });

  router.post('/session', sessions.csrf.protectAlways, ...limiters.signIn, async (request, response) => {
    const body = parseBody(request, signInBodySchema);

    const user = await authenticate(context, body.username, body.password, config.scryptCost);
    if (!user) throw new AppError('unauthenticated', 'The username or password is wrong.');
    const sessionUser = toSessionUser(user);
    const csrfToken = await sessions.signIn(request, response, sessionUser);

    const result: SignedIn = { user: sessionUser, csrfToken };
    response.json(result);
  });

  router.delete('/session', async (request, response) => {
    const csrfToken = await sessions.signOut(request, response);
    response.json({ csrfToken });
  });

  router.post('/sign-up', sessions.csrf.protectAlways, limiters.signUp, async (request, response) => {
    if (config.signUp !== 'open') {
      throw new AppError(
        'forbidden',
        'Sign-up is by invitation only here; ask an admin for an invitation link.',
      );
    }
    if (request.user)
      throw new AppError('conflict', 'You are already signed in; sign out to create another account.');
    const body = parseBody(request, signUpBodySchema);

    const user = await createLocalAccount(
      context,
      { ...body, role: 'reviewer' },
      { cost: config.scryptCost },
    );
    const sessionUser = toSessionUser(user);
    const csrfToken = await sessions.signIn(request, response, sessionUser);

    const result: SignedIn = { user: sessionUser, csrfToken };
    response.status(201).json(result);
  });

  router.get('/setup/preview', async (request, response) => {
    const query = parseQuery(request, setupPreviewQuerySchema);
    response.json(await previewSetupToken(context, query.token));
  });

  router.post('/setup', sessions.csrf.protectAlways, limiters.signUp, async (request, response) => {
    const body = parseBody(request, setupBodySchema);

    const user = await createFirstAdmin(context, body, config.scryptCost, requestFacts(request));
    const sessionUser = toSessionUser(user);
    const csrfToken = await sessions.signIn(request, response, sessionUser);

    const result: SignedIn = { user: sessionUser, csrfToken };
    response.status(201).json(result);
  });

  return router;
}
