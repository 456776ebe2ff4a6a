import type { Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { AppError } from '../http/errors.ts';

export const csrfHeader = 'x-csrf-token';

export interface Csrf {
  /** Checks every POST, PUT, PATCH and DELETE of a signed-in request. */
  protectSignedIn: RequestHandler;
  /** Checks a state-changing request whatever the session, for sign-in and account creation (login CSRF). */
  protectAlways: RequestHandler;
  /** Returns the token for this request's session, setting its cookie; `renew` after sign-in or sign-out. */
  token(request: Request, response: Response, options?: { renew?: boolean }): string;
}

function csrfError(): AppError {
  return new AppError(
    'forbidden',
    'The CSRF token is missing or does not match this session. Reload the page and try again.',
    { reason: 'csrf', header: csrfHeader },
  );
}

/**
 * Signed double-submit tokens (csrf-csrf): an HMAC over the session id and a random value, sent back in
 * the `X-CSRF-Token` header and compared with an HttpOnly cookie. Visitors' tokens are bound to an empty
 * session id, so signing in (which rotates the session id) issues a new token.
 */
export function createCsrf(options: { secret: string; secureCookies: boolean }): Csrf {
  const { validateRequest, generateCsrfToken } = doubleCsrf({
    getSecret: () => options.secret,
    getSessionIdentifier: (request) => (request.user ? request.sessionID : ''),
    // The __Host- prefix requires the Secure attribute, which browsers refuse to set over plain HTTP.
    cookieName: options.secureCookies ? '__Host-assay.csrf' : 'assay.csrf',
    cookieOptions: { sameSite: 'lax', path: '/', secure: options.secureCookies, httpOnly: true },
    getCsrfTokenFromRequest: (request) => request.get(csrfHeader),
  });
  const unsafe = (request: Request) => !['GET', 'HEAD', 'OPTIONS'].includes(request.method);

  return {
    // A request without a signed-in user carries no authority to abuse, and a deleted user's session
    // must answer 401 rather than a CSRF error, so only signed-in requests are checked here.
    protectSignedIn: (request, _response, next) => {
      next(request.user && unsafe(request) && !validateRequest(request) ? csrfError() : undefined);
    },
    protectAlways: (request, _response, next) => {
      next(unsafe(request) && !validateRequest(request) ? csrfError() : undefined);
    },
    token: (request, response, tokenOptions) =>
      generateCsrfToken(request, response, { overwrite: tokenOptions?.renew ?? false }),
  };
}
