import type { DatabaseContext } from '../db/engine.ts';
import type { AccountsConfig } from './config.ts';
import type { OidcSignIn } from './oidc-sign-in.ts';
import type { AccountLimiters } from './rate-limits.ts';
import type { SessionLayer } from './sessions.ts';
import type { UserDeletionHook } from './users.ts';

/** What the accounts routes need, built once by the composition root. */
export interface AccountsDeps {
  context: DatabaseContext;
  config: AccountsConfig;
  sessions: SessionLayer;
  limiters: AccountLimiters;
  /** Run inside the transaction that deletes a user (other features remove what the user owned). */
  deletionHooks: UserDeletionHook[];
  oidc: OidcSignIn | undefined;
}
