import type { ErrorCode } from '@assay/api/contract';
import { isApiError, type ApiFailure } from './api-client';
import { invalidInputText } from './field-errors';

export interface ErrorText {
  title: string;
  detail: string;
  /** Whether trying the same request again can succeed. */
  retryable: boolean;
}

/**
 * Words a failure for people using the app. Screens pass `overrides` for codes whose meaning
 * depends on what was requested, such as `not-found` on a plugin page.
 */
export function describeError(
  error: unknown,
  overrides: Partial<Record<FailureKey, (failure: ApiFailure) => ErrorText>> = {},
): ErrorText {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong in this page',
      detail: error instanceof Error ? error.message : String(error),
      retryable: true,
    };
  }

  const failure = error.failure;
  const key = failureKey(failure);
  const override = overrides[key];
  if (override) return override(failure);
  return defaultText(failure);
}

/** An API error code, or the client-side failure kinds `network` and `unexpected-response`. */
export type FailureKey = ErrorCode | 'network' | 'unexpected-response';

function failureKey(failure: ApiFailure): FailureKey {
  return failure.kind === 'api' ? failure.code : failure.kind;
}

function defaultText(failure: ApiFailure): ErrorText {
  if (failure.kind === 'network') {
    return {
      title: 'Assay’s server could not be reached',
      detail: 'Check your network connection, then try again.',
      retryable: true,
    };
  }
  if (failure.kind === 'unexpected-response') {
    return {
      title: 'The server sent a response this page cannot read',
      detail: `${failure.message} Reload the page; if this persists, the web app and the API may be different versions.`,
      retryable: true,
    };
  }

  switch (failure.code) {
    case 'invalid-input':
      return { title: 'The request is invalid', detail: invalidInputText(failure), retryable: false };
    case 'not-found':
      return { title: 'Not found', detail: failure.message, retryable: false };
    case 'unauthenticated':
      return { title: 'Sign-in required', detail: 'Sign in to see this page.', retryable: false };
    case 'forbidden':
      return {
        title: 'Not allowed',
        detail: 'Your account does not have access to this page.',
        retryable: false,
      };
    case 'conflict':
      return { title: 'Conflicting change', detail: failure.message, retryable: true };
    case 'payload-too-large':
      return { title: 'Request too large', detail: failure.message, retryable: false };
    case 'rate-limited':
      return {
        title: 'Too many requests',
        detail: 'Assay received too many requests from you in a short time. Wait a moment, then try again.',
        retryable: true,
      };
    case 'upstream-unavailable':
      return {
        title: 'A container registry is unavailable',
        detail: `${asSentence(failure.message)} Try again in a few minutes.`,
        retryable: true,
      };
    case 'upstream-timeout':
      return {
        title: 'A container registry did not respond in time',
        detail: `${asSentence(failure.message)} Try again in a moment.`,
        retryable: true,
      };
    case 'internal':
      return {
        title: 'The server failed to handle this request',
        detail: 'This is a fault in Assay, not in your request. Try again later.',
        retryable: true,
      };
  }
}

/** Ends a message with a full stop when it has none, so that a following sentence reads as one. */
function asSentence(message: string): string {
  const trimmed = message.trimEnd();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
