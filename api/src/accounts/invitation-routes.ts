import { Router } from 'express';
import {
  acceptInvitationBodySchema,
  createInvitationBodySchema,
  invitationPreviewQuerySchema,
  type CreatedInvitation,
  type SignedIn,
} from '../contract/accounts.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { parseBody, parseQuery } from '../http/validate.ts';
import type { AccountsDeps } from './deps.ts';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from './invitations.ts';
import { toSessionUser } from './users.ts';

/** Admins invite people with a one-time link; the invitee chooses a username and password to accept it. */
export function invitationRoutes(deps: AccountsDeps): Router {
  const { context, config, sessions, limiters } = deps;
  const router = Router();

  router.get('/invitations', requireRole('admin'), async (_request, response) => {
    response.json({ items: await listInvitations(context) });
  });

  router.post('/invitations', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, createInvitationBodySchema);

    const result: CreatedInvitation = await createInvitation(context, body, auditContext(request));

    response.status(201).json(result);
  });

  router.delete('/invitations/:id', requireRole('admin'), async (request, response) => {
    await revokeInvitation(context, String(request.params.id), auditContext(request));
    response.status(204).end();
  });

  router.get('/invitations/preview', async (request, response) => {
    const query = parseQuery(request, invitationPreviewQuerySchema);
    response.json(await previewInvitation(context, query.token));
  });

  router.post(
    '/invitations/accept',
    sessions.csrf.protectAlways,
    limiters.signUp,
    async (request, response) => {
      const body = parseBody(request, acceptInvitationBodySchema);

      const user = await acceptInvitation(context, body.token, body, config.scryptCost, {
        requestId: String(request.id),
        ip: request.ip,
      });
      const sessionUser = toSessionUser(user);
      const csrfToken = await sessions.signIn(request, response, sessionUser);

      const result: SignedIn = { user: sessionUser, csrfToken };
      response.status(201).json(result);
    },
  );

  return router;
}
