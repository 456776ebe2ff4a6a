import { z } from 'zod';
import type { ScryptCost } from './password.ts';

const positiveInteger = (unit: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(1, `must be 1-${max} ${unit}`)
    .max(max, `must be 1-${max} ${unit}`)
    .default(fallback);

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );

/** Environment variables of accounts, sessions, rate limits and OpenID Connect; merged into the main schema. */
export const accountsEnvShape = {
  ASSAY_SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters; leave it unset to have Assay generate one in the database')
    .optional(),
  ASSAY_SESSION_IDLE_MINUTES: positiveInteger('minutes', 24 * 60, 60 * 24 * 30),
  ASSAY_SESSION_MAX_MINUTES: positiveInteger('minutes', 7 * 24 * 60, 60 * 24 * 90),
  ASSAY_SIGN_UP: z
    .enum(['open', 'invite-only'], { error: 'must be open or invite-only' })
    .default('invite-only'),
  ASSAY_SIGN_IN_WINDOW_MINUTES: positiveInteger('minutes', 15, 24 * 60),
  ASSAY_SIGN_IN_MAX_FAILURES: positiveInteger('failures', 5, 1000),
  ASSAY_SIGN_IN_MAX_FAILURES_PER_USERNAME: positiveInteger('failures', 100, 100_000),
  ASSAY_SIGN_IN_MAX_FAILURES_PER_ADDRESS: positiveInteger('failures', 30, 100_000),
  ASSAY_SIGN_UP_MAX_PER_HOUR: positiveInteger('sign-ups', 10, 100_000),
  ASSAY_REVIEW_WRITES_PER_HOUR: positiveInteger('writes', 120, 100_000),
  ASSAY_SCRYPT_LOG2_N: z.coerce
    .number({ error: 'must be a whole number 14-20' })
    .int('must be a whole number 14-20')
    .min(14, 'must be 14-20 (N = 2^value)')
    .max(20, 'must be 14-20 (N = 2^value)')
    .default(17),
  ASSAY_OIDC_ISSUER: z
    .url({ error: 'must be the issuer URL, such as https://login.example.org/realms/lab' })
    .optional(),
  ASSAY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  ASSAY_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  ASSAY_OIDC_SCOPES: z.string().default('openid profile email'),
  ASSAY_OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  ASSAY_OIDC_ADMIN_VALUES: commaList,
  ASSAY_OIDC_REVIEWER_VALUES: commaList,
  ASSAY_OIDC_LABEL: z.string().min(1).max(60).default('Sign in with your institution'),
};

type AccountsEnv = z.output<z.ZodObject<typeof accountsEnvShape>>;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Absolute callback URL registered with the provider. */
  redirectUri: string;
  /** Claim (dotted path for nested claims) whose values map to roles. */
  roleClaim: string;
  adminValues: string[];
  /** Values that grant the reviewer role; empty means every account the provider signs in is a reviewer. */
  reviewerValues: string[];
  label: string;
}

export interface AccountsConfig {
  /** Undefined: generate one on first start and keep it in the database for every instance. */
  sessionSecret: string | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  secureCookies: boolean;
  signUp: 'open' | 'invite-only';
  signInWindowMs: number;
  /** Failed sign-ins per username from one client address. */
  signInMaxFailures: number;
  /** Failed sign-ins per username from every address together. */
  signInMaxFailuresPerUsername: number;
  signInMaxFailuresPerAddress: number;
  signUpMaxPerHour: number;
  reviewWritesPerHour: number;
  scryptCost: ScryptCost;
  oidc: OidcConfig | undefined;
}

/** Builds the accounts settings and lists every inconsistent combination of variables. */
export function readAccountsConfig(
  env: AccountsEnv,
  publicUrl: string | undefined,
): { config: AccountsConfig; problems: string[] } {
  const problems: string[] = [];
  const minute = 60_000;
  if (env.ASSAY_SESSION_MAX_MINUTES < env.ASSAY_SESSION_IDLE_MINUTES) {
    problems.push('ASSAY_SESSION_MAX_MINUTES: must not be shorter than ASSAY_SESSION_IDLE_MINUTES');
  }

  let oidc: OidcConfig | undefined;
  const oidcVariables = [env.ASSAY_OIDC_ISSUER, env.ASSAY_OIDC_CLIENT_ID, env.ASSAY_OIDC_CLIENT_SECRET];
  if (oidcVariables.some((value) => value !== undefined)) {
    if (!env.ASSAY_OIDC_ISSUER)
      problems.push('ASSAY_OIDC_ISSUER: required when OpenID Connect is configured');
    if (!env.ASSAY_OIDC_CLIENT_ID)
      problems.push('ASSAY_OIDC_CLIENT_ID: required when ASSAY_OIDC_ISSUER is set');
    if (!env.ASSAY_OIDC_CLIENT_SECRET) {
      problems.push('ASSAY_OIDC_CLIENT_SECRET: required when ASSAY_OIDC_ISSUER is set');
    }
    if (!publicUrl) problems.push('PUBLIC_URL: required for OpenID Connect, which redirects back to it');
    if (!env.ASSAY_OIDC_SCOPES.split(/\s+/).includes('openid')) {
      problems.push('ASSAY_OIDC_SCOPES: must include openid');
    }
    if (env.ASSAY_OIDC_ISSUER && env.ASSAY_OIDC_CLIENT_ID && env.ASSAY_OIDC_CLIENT_SECRET && publicUrl) {
      oidc = {
        issuer: env.ASSAY_OIDC_ISSUER,
        clientId: env.ASSAY_OIDC_CLIENT_ID,
        clientSecret: env.ASSAY_OIDC_CLIENT_SECRET,
        scopes: env.ASSAY_OIDC_SCOPES,
        redirectUri: new URL('/api/v1/auth/oidc/callback', publicUrl).toString(),
        roleClaim: env.ASSAY_OIDC_ROLE_CLAIM,
        adminValues: env.ASSAY_OIDC_ADMIN_VALUES,
        reviewerValues: env.ASSAY_OIDC_REVIEWER_VALUES,
        label: env.ASSAY_OIDC_LABEL,
      };
    }
  }

  return {
    problems,
    config: {
      sessionSecret: env.ASSAY_SESSION_SECRET,
      sessionIdleMs: env.ASSAY_SESSION_IDLE_MINUTES * minute,
      sessionMaxMs: env.ASSAY_SESSION_MAX_MINUTES * minute,
      secureCookies: publicUrl?.startsWith('https:') ?? false,
      signUp: env.ASSAY_SIGN_UP,
      signInWindowMs: env.ASSAY_SIGN_IN_WINDOW_MINUTES * minute,
      signInMaxFailures: env.ASSAY_SIGN_IN_MAX_FAILURES,
      // A lower limit for every address than for one address would make the per-address one pointless.
      signInMaxFailuresPerUsername: Math.max(
        env.ASSAY_SIGN_IN_MAX_FAILURES_PER_USERNAME,
        env.ASSAY_SIGN_IN_MAX_FAILURES,
      ),
      signInMaxFailuresPerAddress: env.ASSAY_SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      signUpMaxPerHour: env.ASSAY_SIGN_UP_MAX_PER_HOUR,
      reviewWritesPerHour: env.ASSAY_REVIEW_WRITES_PER_HOUR,
      scryptCost: { log2N: env.ASSAY_SCRYPT_LOG2_N, blockSize: 8, parallelization: 1 },
      oidc,
    },
  };
}
