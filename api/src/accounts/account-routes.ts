import { Router } from 'express';
import { changePasswordBodySchema, updateAccountBodySchema } from '../contract/accounts.ts';
import { currentUser, requireRole } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { parseBody } from '../http/validate.ts';
import { setPassword } from './create-account.ts';
import type { AccountsDeps } from './deps.ts';
import { verifyPassword } from './password.ts';
import { findUserById, toSessionUser } from './users.ts';

/** The signed-in user's own account: display name and password. */
export function accountRoutes(deps: AccountsDeps): Router {
  const { context, config } = deps;
  const router = Router();

  router.patch('/account', requireRole('reviewer'), async (request, response) => {
    const body = parseBody(request, updateAccountBodySchema);
    const user = currentUser(request);

    const now = new Date().toISOString();
    await context.db
      .updateTable('users')
      .set({ display_name: body.displayName, updated_at: now })
      .where('id', '=', user.id)
      .execute();

    response.json({ ...user, displayName: body.displayName });
  });

  router.put('/account/password', requireRole('reviewer'), async (request, response) => {
    const body = parseBody(request, changePasswordBodySchema);
    const row = await findUserById(context.db, currentUser(request).id);
    if (!row?.password_hash) {
      throw new AppError(
        'conflict',
        'This account signs in through your institution and has no password here.',
      );
    }

    if (!(await verifyPassword(body.currentPassword, row.password_hash))) {
      throw new AppError('invalid-input', 'The current password is wrong.', [
        { path: 'currentPassword', message: 'does not match' },
      ]);
    }
    await setPassword(context, row.id, body.newPassword, config.scryptCost, request.sessionID);

    response.json(toSessionUser(row));
  });

  return router;
}
