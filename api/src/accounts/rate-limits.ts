import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type RateLimitInfo } from 'express-rate-limit';
import { recordAuditEvent } from '../audit/record.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { AppError } from '../http/errors.ts';
import type { AccountsConfig } from './config.ts';
import { DatabaseRateLimitStore } from './rate-limit-store.ts';

function addressKey(request: Request): string {
  return ipKeyGenerator(request.ip ?? 'unknown');
}

function usernameKey(request: Request): string {
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 200) : '';
}

/** Builds the counter key of a username at one client address: `username|address`. */
function usernameAtAddressKey(request: Request): string {
  return `${usernameKey(request)}|${addressKey(request)}`;
}

function minutesUntil(resetTime: Date | undefined): number {
  if (!resetTime) return 1;
  return Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 60_000));
}

// The same wording for the username and the address limit, so the answer does not reveal whether an
// account exists.
function lockOutMessage(minutes: number): string {
  return `Too many failed sign-in attempts for this username or from this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

interface LimiterSpec {
  prefix: string;
  windowMs: number;
  limit: number;
  keyGenerator: (request: Request) => string;
  skipSuccessfulRequests?: boolean;
  skipFailedRequests?: boolean;
  message: (minutes: number) => string;
  /** Audits the first request over the limit in each window (sign-in failure bursts). */
  auditAs?: 'username' | 'address';
  /** Target id of that audit event; the counter key when unset. */
  auditTargetId?: (request: Request) => string;
  /** Attempts the counter counts (`this address` or `every address`), for the audit event. */
  counts?: string;
}

function createLimiter(context: DatabaseContext, spec: LimiterSpec): RequestHandler {
  const handler: Options['handler'] = (request, response, next) => {
    const info = (request as Request & { rateLimit: RateLimitInfo }).rateLimit;
    const minutes = minutesUntil(info.resetTime);
    response.setHeader('Retry-After', String(minutes * 60));
    const error = new AppError('rate-limited', spec.message(minutes), { retryAfterSeconds: minutes * 60 });
    if (!spec.auditAs || info.used !== spec.limit + 1) {
      next(error);
      return;
    }
    recordAuditEvent(context.db, {
      actor: null,
      action: 'auth.failure-burst',
      targetType: spec.auditAs,
      targetId: spec.auditTargetId?.(request) ?? info.key,
      after: {
        failures: spec.limit,
        windowMinutes: Math.round(spec.windowMs / 60_000),
        ...(spec.counts !== undefined ? { counts: spec.counts } : {}),
      },
      requestId: String(request.id),
      ip: request.ip,
    }).then(
      () => next(error),
      (auditError: unknown) => next(auditError),
    );
  };
  return rateLimit({
    windowMs: spec.windowMs,
    limit: spec.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: spec.keyGenerator,
    skipSuccessfulRequests: spec.skipSuccessfulRequests ?? false,
    skipFailedRequests: spec.skipFailedRequests ?? false,
    store: new DatabaseRateLimitStore(context.db, spec.prefix),
    handler,
    // Fail closed: when the counter store fails, the request fails instead of passing unlimited guesses.
    passOnStoreError: false,
  });
}

export interface AccountLimiters {
  /**
   * Sign-in failures per client address, per username and address, and per username from every
   * address; a successful sign-in does not count. The low limit applies to a username at one address,
   * so that guessing from one address locks that address out and not the account's owner. The higher
   * per-username limit stops guessing spread over many addresses.
   */
  signIn: RequestHandler[];
  /** Account creations (sign-up, invitation acceptance, setup) per address. */
  signUp: RequestHandler;
  /** Review submissions, edits, deletions and reports per user. */
  reviewWrites: RequestHandler;
}

export function createAccountLimiters(context: DatabaseContext, config: AccountsConfig): AccountLimiters {
  const hour = 60 * 60_000;
  return {
    signIn: [
      createLimiter(context, {
        prefix: 'sign-in-address',
        windowMs: config.signInWindowMs,
        limit: config.signInMaxFailuresPerAddress,
        keyGenerator: addressKey,
        skipSuccessfulRequests: true,
        message: lockOutMessage,
        auditAs: 'address',
      }),
      createLimiter(context, {
        prefix: 'sign-in-username-address',
        windowMs: config.signInWindowMs,
        limit: config.signInMaxFailures,
        keyGenerator: usernameAtAddressKey,
        skipSuccessfulRequests: true,
        message: lockOutMessage,
        auditAs: 'username',
        auditTargetId: usernameKey,
        counts: 'this address',
      }),
      createLimiter(context, {
        prefix: 'sign-in-username',
        windowMs: config.signInWindowMs,
        limit: config.signInMaxFailuresPerUsername,
        keyGenerator: usernameKey,
        skipSuccessfulRequests: true,
        message: lockOutMessage,
        auditAs: 'username',
        counts: 'every address',
      }),
    ],
    signUp: createLimiter(context, {
      prefix: 'sign-up-address',
      windowMs: hour,
      limit: config.signUpMaxPerHour,
      keyGenerator: addressKey,
      // Only created accounts count, so rejected attempts cannot lock everyone behind one address out.
      skipFailedRequests: true,
      message: (minutes) => `Too many accounts created from this address. Try again in ${minutes} minutes.`,
    }),
    reviewWrites: createLimiter(context, {
      prefix: 'review-writes',
      windowMs: hour,
      limit: config.reviewWritesPerHour,
      keyGenerator: (request) => request.user?.id ?? addressKey(request),
      message: (minutes) => `Too many review changes from this account. Try again in ${minutes} minutes.`,
    }),
  };
}
