import { z } from 'zod';
import { nameProblem } from './user-text.ts';

/** Roles a signed-in account can have; a visitor is someone who is not signed in. */
export const roleSchema = z.enum(['reviewer', 'admin'], { error: 'role must be reviewer or admin' });
export type AccountRole = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string({ error: 'username must be a string' })
  .trim()
  .toLowerCase()
  .min(3, 'username must be 3-40 characters')
  .max(40, 'username must be 3-40 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'username may contain only letters, digits, dots, hyphens and underscores, and must start with a letter or digit',
  );

/**
 * Display name checks shared by people and signers: one line of visible text, rejected when it
 * contains control, invisible or direction-changing characters (see `nameProblem`).
 */
export function nameSchema(field: string, maxLength: number) {
  return z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(maxLength, `${field} must be at most ${maxLength} characters`)
    .superRefine((value, context) => {
      const problem = value === '' ? undefined : nameProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `${field} ${problem}` });
    });
}

/** Shown next to reviews; stored as typed and always rendered as text. */
export const displayNameSchema = nameSchema('displayName', 80);

export const minPasswordLength = 12;

export const passwordSchema = z
  .string({ error: 'password must be a string' })
  .min(minPasswordLength, `password must be at least ${minPasswordLength} characters`)
  .max(256, 'password must be at most 256 characters');

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUserView = z.infer<typeof sessionUserSchema>;

/** `GET /session`: who is signed in, the CSRF token for state-changing requests, and which sign-in methods exist. */
export const sessionStateSchema = z.object({
  user: sessionUserSchema.nullable(),
  /** Send in the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE. */
  csrfToken: z.string(),
  signUp: z.enum(['open', 'invite-only']),
  oidc: z.object({ enabled: z.boolean(), label: z.string() }),
  /** True while no admin exists; the first admin is created with the setup token printed at start or the CLI. */
  setupRequired: z.boolean(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInBodySchema = z.object({
  // Sign-in checks only lengths, so a malformed name gets the same response as a wrong password.
  username: z.string({ error: 'username must be a string' }).min(1, 'username is required').max(200),
  password: z.string({ error: 'password must be a string' }).min(1, 'password is required').max(1024),
});

/** Response of sign-in, sign-up, invitation acceptance and setup: the new session's user and CSRF token. */
export const signedInSchema = z.object({ user: sessionUserSchema, csrfToken: z.string() });
export type SignedIn = z.infer<typeof signedInSchema>;

export const signUpBodySchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});

const setupTokenSchema = z.string({ error: 'token must be a string' }).min(1, 'token is required').max(200);

export const setupBodySchema = signUpBodySchema.extend({ token: setupTokenSchema });

/** Query of `GET /setup/preview`: the token of the setup link. */
export const setupPreviewQuerySchema = z.object({ token: setupTokenSchema });

/** A setup token that can still create the first admin, and until when. */
export const setupPreviewSchema = z.object({ expiresAt: z.string() });
export type SetupPreview = z.infer<typeof setupPreviewSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  signInMethod: z.enum(['password', 'oidc']),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });
export type UserList = z.infer<typeof userListSchema>;

export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  /** Omit to have the server generate a password that the response shows once. */
  password: passwordSchema.optional(),
});

export const createdUserSchema = z.object({
  user: userSchema,
  /** Present only when the server generated the password; it is not stored in readable form. */
  generatedPassword: z.string().optional(),
});
export type CreatedUser = z.infer<typeof createdUserSchema>;

export const updateUserBodySchema = z
  .object({ role: roleSchema.optional(), displayName: displayNameSchema.optional() })
  .refine((body) => body.role !== undefined || body.displayName !== undefined, {
    message: 'give role, displayName or both',
  });

export const updateAccountBodySchema = z.object({ displayName: displayNameSchema });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string({ error: 'currentPassword must be a string' }).min(1).max(1024),
  newPassword: passwordSchema,
});

export const invitationStatusSchema = z.enum(['open', 'accepted', 'expired']);

export const invitationSchema = z.object({
  id: z.string(),
  role: roleSchema,
  note: z.string(),
  status: invitationStatusSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListSchema = z.object({ items: z.array(invitationSchema) });

export const maxInvitationDays = 30;

export const createInvitationBodySchema = z.object({
  role: roleSchema,
  note: z.string().trim().max(200, 'note must be at most 200 characters').default(''),
  expiresInDays: z
    .number({ error: 'expiresInDays must be a number' })
    .int('expiresInDays must be a whole number')
    .min(1, `expiresInDays must be 1-${maxInvitationDays}`)
    .max(maxInvitationDays, `expiresInDays must be 1-${maxInvitationDays}`)
    .default(7),
});

export const createdInvitationSchema = z.object({
  invitation: invitationSchema,
  /** Shown once; the invitee opens `/invitations/<token>` in the web app. */
  token: z.string(),
});
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

/** Role and expiry of an invitation, shown to the invitee before accepting it. */
export const invitationPreviewSchema = z.object({ role: roleSchema, expiresAt: z.string() });
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

const invitationTokenSchema = z
  .string({ error: 'token must be a string' })
  .min(1, 'token is required')
  .max(200);

export const invitationPreviewQuerySchema = z.object({ token: invitationTokenSchema });

export const acceptInvitationBodySchema = z.object({
  token: invitationTokenSchema,
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
