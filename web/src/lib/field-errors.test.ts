import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { describeError } from './describe-error';
import { fieldErrorsOf, fieldMessage, fieldNameOf, invalidInputText, problemSentence } from './field-errors';

function invalidInput(message: string, details?: unknown): ApiError {
  return new ApiError({ kind: 'api', status: 400, code: 'invalid-input', message, details });
}

describe('fieldNameOf', () => {
  it.each([
    { path: 'displayName', expected: 'displayName' },
    { path: 'policy.maxScanAgeDays', expected: 'maxScanAgeDays' },
    { path: 'policy.exceptions.0.expiresAt', expected: 'expiresAt' },
    { path: 'scope.2', expected: 'scope' },
  ])('names the field of $path', ({ path, expected }) => {
    expect(fieldNameOf(path)).toBe(expected);
  });
});

describe('fieldMessage', () => {
  it.each([
    {
      path: 'displayName',
      message: 'displayName must not be empty',
      expected: 'Display name must not be empty.',
    },
    {
      path: 'policy.maxScanAgeDays',
      message: 'maxScanAgeDays must be 1-365 days',
      expected: 'Maximum scan age must be 1-365 days.',
    },
    {
      path: 'policy.exceptions.0.expiresAt',
      message: 'the exception for CVE-2024-3094 must expire in the future',
      expected: 'The exception for CVE-2024-3094 must expire in the future.',
    },
    {
      path: 'policy.exceptions.0.justification',
      message: 'policy.exceptions.0.justification is required',
      expected: 'Justification is required.',
    },
    {
      path: 'body',
      message: 'Invalid input: expected object, received undefined',
      expected: 'Invalid input: expected object, received undefined.',
    },
  ])('words $message', ({ path, message, expected }) => {
    expect(fieldMessage(path, message)).toBe(expected);
  });

  it('uses the labels a form passes', () => {
    expect(fieldMessage('reason', 'reason is required', { reason: 'Reason for revoking' })).toBe(
      'Reason for revoking is required.',
    );
  });
});

describe('problemSentence', () => {
  it('names the field of a message that does not start with it', () => {
    expect(problemSentence('reason', 'Invalid input: expected string, received undefined')).toBe(
      'Reason: Invalid input: expected string, received undefined.',
    );
  });
});

describe('invalidInputText', () => {
  it.each([
    {
      name: 'one problem',
      message: 'Invalid body: displayName must not be empty',
      details: [{ path: 'displayName', message: 'displayName must not be empty' }],
      expected: 'Display name must not be empty.',
    },
    {
      name: 'three problems',
      message: 'Invalid body: username must be 3-40 characters',
      details: [
        { path: 'username', message: 'username must be 3-40 characters' },
        { path: 'displayName', message: 'displayName must not be empty' },
        { path: 'password', message: 'password must be at least 12 characters' },
      ],
      expected:
        'Username must be 3-40 characters. Display name must not be empty. Password must be at least 12 characters.',
    },
    {
      name: 'more problems than a summary names',
      message: 'Invalid body: a',
      details: ['username', 'displayName', 'password', 'role', 'note'].map((path) => ({
        path,
        message: `${path} is wrong`,
      })),
      expected: 'Username is wrong. Display name is wrong. Password is wrong. 2 more fields need a change.',
    },
    {
      name: 'a message without details',
      message: 'Invalid query: cursor is not a value that this API returned as nextCursor.',
      details: undefined,
      expected: 'Cursor is not a value that this API returned as nextCursor.',
    },
    {
      name: 'a bare prefix',
      message: 'Invalid body',
      details: [],
      expected: 'Some of the values sent are not valid.',
    },
  ])('words $name as sentences', ({ message, details, expected }) => {
    expect(invalidInputText({ message, details })).toBe(expected);
  });

  it('words the default banner of describeError', () => {
    const error = invalidInput('Invalid body: maxScanAgeDays must be 1-365 days', [
      { path: 'policy.maxScanAgeDays', message: 'maxScanAgeDays must be 1-365 days' },
    ]);

    expect(describeError(error).detail).toBe('Maximum scan age must be 1-365 days.');
  });
});

describe('fieldErrorsOf', () => {
  it('keys labelled messages by path, first message first', () => {
    const error = invalidInput('Invalid body: displayName must not be empty', [
      { path: 'displayName', message: 'displayName must not be empty' },
      { path: 'displayName', message: 'displayName must be at most 80 characters' },
      { path: 'policy.exceptions.1.vulnerabilityId', message: 'vulnerabilityId must be a CVE id' },
      { path: 42, message: 'not a detail' },
    ]);

    expect(fieldErrorsOf(error)).toEqual({
      displayName: 'Display name must not be empty.',
      'policy.exceptions.1.vulnerabilityId': 'Vulnerability id must be a CVE id.',
    });
  });

  it('ignores errors other than invalid input', () => {
    const error = new ApiError({ kind: 'api', status: 409, code: 'conflict', message: 'x', details: [] });

    expect(fieldErrorsOf(error)).toEqual({});
  });
});
