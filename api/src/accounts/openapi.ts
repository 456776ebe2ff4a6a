import { z } from 'zod';
import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

const userId = {
  name: 'id',
  in: 'path' as const,
  required: true,
  schema: { type: 'string' },
  description: 'User id.',
};
const invitationId = {
  name: 'id',
  in: 'path' as const,
  required: true,
  schema: { type: 'string' },
  description: 'Invitation id (not its token).',
};
const signedIn = contract.signedInSchema;
const csrfOnly = z.object({ csrfToken: z.string() });

// POST, PUT, PATCH and DELETE need the X-CSRF-Token header from GET /session; sign-in and account
// creation need it even without a session.
export const accountOperations: OperationMap = {
  '/session': {
    get: {
      summary:
        'Who is signed in, the CSRF token to send with state-changing requests, and the sign-in methods.',
      role: 'visitor',
      response: contract.sessionStateSchema,
    },
    post: {
      summary: 'Sign in with username and password; rate limited per username and per address.',
      role: 'visitor',
      body: contract.signInBodySchema,
      response: signedIn,
      errors: [400, 401, 403, 429],
    },
    delete: {
      summary: 'Sign out; returns a visitor CSRF token.',
      role: 'visitor',
      response: csrfOnly,
    },
  },
  '/sign-up': {
    post: {
      summary: 'Create a reviewer account and sign in (only when ASSAY_SIGN_UP=open).',
      role: 'visitor',
      body: contract.signUpBodySchema,
      response: signedIn,
      errors: [400, 403, 409, 429],
    },
  },
  '/setup/preview': {
    get: {
      summary:
        'Check a first-admin setup token before showing the form: its expiry, or 404 saying whether it was used, expired or is unknown.',
      role: 'visitor',
      parameters: [
        {
          name: 'token',
          in: 'query',
          required: true,
          schema: { type: 'string' },
          description: 'The token of the setup link.',
        },
      ],
      response: contract.setupPreviewSchema,
      errors: [400, 404],
    },
  },
  '/setup': {
    post: {
      summary: 'Create the first admin with the one-time setup token printed at start.',
      role: 'visitor',
      body: contract.setupBodySchema,
      response: signedIn,
      errors: [400, 403, 404, 409, 429],
    },
  },
  '/account': {
    patch: {
      summary: 'Change your display name.',
      role: 'reviewer',
      body: contract.updateAccountBodySchema,
      response: contract.sessionUserSchema,
      errors: [400, 401, 403],
    },
  },
  '/account/password': {
    put: {
      summary: 'Change your password (local accounts).',
      role: 'reviewer',
      body: contract.changePasswordBodySchema,
      response: contract.sessionUserSchema,
      errors: [400, 401, 403, 409],
    },
  },
  '/users': {
    get: {
      summary: 'List every account with its role.',
      role: 'admin',
      response: contract.userListSchema,
      errors: [401, 403],
    },
    post: {
      summary: 'Create an account; without a password the response shows a generated one once.',
      role: 'admin',
      body: contract.createUserBodySchema,
      response: contract.createdUserSchema,
      errors: [400, 401, 403, 409],
    },
  },
  '/users/{id}': {
    patch: {
      summary: "Change a user's role or display name (audited); the last admin cannot be demoted.",
      role: 'admin',
      parameters: [userId],
      body: contract.updateUserBodySchema,
      response: contract.userSchema,
      errors: [400, 401, 403, 404, 409],
    },
    delete: {
      summary: 'Delete a user with their sessions and reviews (audited).',
      role: 'admin',
      parameters: [userId],
      response: { contentType: 'text/plain', description: 'Deleted (204, no body).' },
      errors: [401, 403, 404, 409],
    },
  },
  '/invitations': {
    get: {
      summary: 'List invitations with their status.',
      role: 'admin',
      response: contract.invitationListSchema,
      errors: [401, 403],
    },
    post: {
      summary: 'Invite someone with a role; the response shows the one-time token once.',
      role: 'admin',
      body: contract.createInvitationBodySchema,
      response: contract.createdInvitationSchema,
      errors: [400, 401, 403],
    },
  },
  '/invitations/{id}': {
    delete: {
      summary: 'Revoke an unused invitation (audited).',
      role: 'admin',
      parameters: [invitationId],
      response: { contentType: 'text/plain', description: 'Revoked (204, no body).' },
      errors: [401, 403, 404, 409],
    },
  },
  '/invitations/preview': {
    get: {
      summary: 'The role and expiry of an invitation token, before accepting it.',
      role: 'visitor',
      parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
      response: contract.invitationPreviewSchema,
      errors: [400, 404],
    },
  },
  '/invitations/accept': {
    post: {
      summary: 'Accept an invitation: create the account with the invited role and sign in.',
      role: 'visitor',
      body: contract.acceptInvitationBodySchema,
      response: signedIn,
      errors: [400, 403, 404, 409, 429],
    },
  },
  '/auth/oidc/start': {
    get: {
      summary: 'Redirect to the OpenID Connect provider (404 when none is configured).',
      role: 'visitor',
      parameters: [{ name: 'returnTo', in: 'query', schema: { type: 'string' } }],
      response: { contentType: 'text/plain', description: 'Redirect (302) to the provider.' },
      errors: [404],
    },
  },
  '/auth/oidc/callback': {
    get: {
      summary: 'Where the provider redirects back; signs in and redirects into the app.',
      role: 'visitor',
      response: { contentType: 'text/plain', description: 'Redirect (302) into the app.' },
      errors: [404],
    },
  },
};
