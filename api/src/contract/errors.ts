import { z } from 'zod';

/** The closed set of error codes the API returns, each mapped to one HTTP status. */
export const errorCodeSchema = z.enum([
  'invalid-input',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'upstream-unavailable',
  'upstream-timeout',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Body of every error response: `{ error: { code, message, details } }`. */
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
