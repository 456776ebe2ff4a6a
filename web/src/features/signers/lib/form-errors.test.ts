import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { containsPrivateKey, endOfDayUtc, fieldErrorsOf, scopeEntries, todayUtc } from './form-errors';

function invalidInput(details: unknown) {
  return new ApiError({ kind: 'api', status: 400, code: 'invalid-input', message: 'Invalid body', details });
}

describe('signer form errors', () => {
  test('maps details to their top-level field', () => {
    const errors = fieldErrorsOf(
      invalidInput([
        { path: 'publicKeyPem', message: 'publicKeyPem expected exactly one PEM block' },
        { path: 'scope.1', message: 'a scope entry must be a lower-case registry host' },
        { path: 'scope.2', message: 'second problem' },
      ]),
    );

    expect(errors).toEqual({
      publicKeyPem: 'publicKeyPem expected exactly one PEM block',
      scope: 'Entry 2: a scope entry must be a lower-case registry host',
    });
  });

  test('other failures have no field errors', () => {
    const conflict = new ApiError({ kind: 'api', status: 409, code: 'conflict', message: 'exists' });

    expect(fieldErrorsOf(conflict)).toEqual({});
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });

  test('scope text keeps one prefix a line', () => {
    expect(scopeEntries(' docker.io/polusai \n\n ghcr.io/lab\n')).toEqual([
      'docker.io/polusai',
      'ghcr.io/lab',
    ]);
  });

  test('expiry date ends at the end of the day in UTC', () => {
    expect(endOfDayUtc('2026-12-31')).toBe('2026-12-31T23:59:59Z');
    expect(endOfDayUtc('')).toBeUndefined();
  });

  test('earliest expiry day is today in UTC', () => {
    expect(todayUtc(new Date('2026-03-09T23:30:00-05:00'))).toBe('2026-03-10');
  });

  test.each([
    ['PKCS #8', '-----BEGIN PRIVATE KEY-----', true],
    ['cosign', 'text\n-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----', true],
    ['SEC 1', '-----BEGIN EC PRIVATE KEY-----', true],
    ['public key', '-----BEGIN PUBLIC KEY-----', false],
    ['certificate', '-----BEGIN CERTIFICATE-----', false],
  ])('private key check on a %s block', (_case, text, expected) => {
    expect(containsPrivateKey(text)).toBe(expected);
  });
});
