import { AppError } from '../http/errors.ts';

/**
 * Rejects an approval expiry that is not after `now`, as `invalid-input` on `expiresAt`, because such
 * an approval would end before it starts. Revoking is the way to stop trusting a signer at once.
 */
export function rejectPastExpiry(expiresAt: string, now: Date): void {
  if (Date.parse(expiresAt) > now.getTime()) return;

  const message = `expiresAt must be in the future, but ${expiresAt} is not after the current time ${now.toISOString()}. To stop trusting a signer now, revoke it.`;
  throw new AppError('invalid-input', `Invalid body: ${message}`, [{ path: 'expiresAt', message }]);
}
