import type { Request, RequestHandler } from 'express';
import type { AuditActor } from '../audit/record.ts';
import { AppError } from './errors.ts';

export type Role = 'reviewer' | 'admin';

/** The signed-in user of a request, set by the session middleware (accounts module). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types requests through this global namespace.
  namespace Express {
    interface Request {
      /** Undefined for visitors (not signed in). */
      user?: SessionUser;
    }
  }
}

const rank: Record<Role, number> = { reviewer: 1, admin: 2 };

/** Rejects visitors with 401 and users below `role` with 403; admins pass every reviewer check. */
export function requireRole(role: Role): RequestHandler {
  return (request, _response, next) => {
    const user = request.user;
    if (!user) {
      next(new AppError('unauthenticated', 'Sign in to do this.'));
      return;
    }
    if (rank[user.role] < rank[role]) {
      next(new AppError('forbidden', `This needs the ${role} role; you are signed in as ${user.role}.`));
      return;
    }
    next();
  };
}

/** The signed-in user; for handlers behind {@link requireRole}. */
export function currentUser(request: Request): SessionUser {
  if (!request.user) throw new AppError('unauthenticated', 'Sign in to do this.');
  return request.user;
}

/** The audit actor and request facts of a handler behind {@link requireRole}. */
export function auditContext(request: Request): {
  actor: AuditActor;
  requestId: string;
  ip: string | undefined;
} {
  const user = currentUser(request);
  return { actor: { id: user.id, name: user.username }, requestId: String(request.id), ip: request.ip };
}
