import { Router } from 'express';
import {
  createUserBodySchema,
  updateUserBodySchema,
  type CreatedUser,
  type UserList,
} from '../contract/accounts.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { parseBody } from '../http/validate.ts';
import { createLocalAccount } from './create-account.ts';
import type { AccountsDeps } from './deps.ts';
import { generatePassword } from './password.ts';
import { deleteUser, listUsers, toUserView, updateUser } from './users.ts';

/** Admin user management: list, create, change role or display name, delete. Every change is audited. */
export function userRoutes(deps: AccountsDeps): Router {
  const { context, config } = deps;
  const router = Router();

  router.get('/users', requireRole('admin'), async (_request, response) => {
    const result: UserList = { items: await listUsers(context) };
    response.json(result);
  });

  router.post('/users', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, createUserBodySchema);
    const password = body.password ?? generatePassword();

    const user = await createLocalAccount(
      context,
      { username: body.username, displayName: body.displayName, role: body.role, password },
      { cost: config.scryptCost, audit: auditContext(request) },
    );

    const result: CreatedUser = {
      user: toUserView(user),
      ...(body.password === undefined ? { generatedPassword: password } : {}),
    };
    response.status(201).json(result);
  });

  router.patch('/users/:id', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, updateUserBodySchema);

    const user = await updateUser(
      context,
      String(request.params.id),
      body,
      auditContext(request),
      request.sessionID,
    );

    response.json(user);
  });

  router.delete('/users/:id', requireRole('admin'), async (request, response) => {
    if (request.params.id === request.user?.id) {
      throw new AppError('conflict', 'You cannot delete your own account; ask another admin.');
    }

    await deleteUser(context, String(request.params.id), auditContext(request), deps.deletionHooks);

    response.status(204).end();
  });

  return router;
}
