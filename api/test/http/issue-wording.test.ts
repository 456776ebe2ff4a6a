import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSignerBodySchema, revokeSignerBodySchema } from '../../src/contract/signer.ts';
import { issueWording } from '../../src/http/issue-wording.ts';

function firstMessage(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input, { error: issueWording('body') });
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('zod issue wording', () => {
  it.each([
    {
      case: 'unknown discriminator',
      schema: createSignerBodySchema,
      input: { kind: 'x' },
      message: 'kind must be one of key, identity',
    },
    {
      case: 'missing discriminator',
      schema: createSignerBodySchema,
      input: {},
      message: 'kind is required: one of key, identity',
    },
    { case: 'missing string', schema: revokeSignerBodySchema, input: {}, message: 'reason is required' },
    {
      case: 'string of the wrong type',
      schema: z.object({ note: z.string() }),
      input: { note: 5 },
      message: 'note must be a string, not a number',
    },
    {
      case: 'whole number given a fraction',
      schema: z.object({ count: z.int() }),
      input: { count: 1.5 },
      message: 'count must be a whole number',
    },
    {
      case: 'boolean given a string',
      schema: z.object({ approve: z.boolean() }),
      input: { approve: 'yes' },
      message: 'approve must be true or false, not a string',
    },
    {
      case: 'enum value',
      schema: z.object({ sort: z.enum(['name', 'rating']) }),
      input: { sort: 'size' },
      message: 'sort must be one of name, rating',
    },
    {
      case: 'single literal',
      schema: z.object({ mode: z.literal('strict') }),
      input: { mode: 'loose' },
      message: 'mode must be strict',
    },
    {
      case: 'empty string',
      schema: z.object({ name: z.string().min(1) }),
      input: { name: '' },
      message: 'name must not be empty',
    },
    {
      case: 'long string',
      schema: z.object({ name: z.string().max(3) }),
      input: { name: 'abcd' },
      message: 'name must have at most 3 characters',
    },
    {
      case: 'number above the maximum',
      schema: z.object({ stars: z.number().max(5) }),
      input: { stars: 6 },
      message: 'stars must be at most 5',
    },
    {
      case: 'number not above the exclusive minimum',
      schema: z.object({ stars: z.number().gt(0) }),
      input: { stars: 0 },
      message: 'stars must be greater than 0',
    },
    {
      case: 'too many items',
      schema: z.object({ scope: z.array(z.string()).max(1) }),
      input: { scope: ['a', 'b'] },
      message: 'scope must have at most 1 item',
    },
    {
      case: 'nested path',
      schema: z.object({ scope: z.array(z.string()) }),
      input: { scope: ['a', 7] },
      message: 'scope.1 must be a string, not a number',
    },
    {
      case: 'date-time format',
      schema: z.object({ expiresAt: z.iso.datetime() }),
      input: { expiresAt: 'tomorrow' },
      message: 'expiresAt must be a date and time in ISO 8601 format, for example 2026-01-31T12:00:00Z',
    },
    {
      case: 'unknown field',
      schema: z.strictObject({ reason: z.string() }),
      input: { reason: 'r', extra: 1 },
      message: 'body has an unknown field extra; the accepted fields are reason',
    },
    {
      case: 'body that is not an object',
      schema: z.object({ reason: z.string() }),
      input: [],
      message: 'body must be an object, not an array',
    },
    {
      case: "schema's own message",
      schema: z.object({ pageSize: z.number().max(100, 'pageSize must be 1-100') }),
      input: { pageSize: 101 },
      message: 'pageSize must be 1-100',
    },
  ])('words $case', ({ schema, input, message }) => {
    expect(firstMessage(schema, input)).toBe(message);
  });
});
