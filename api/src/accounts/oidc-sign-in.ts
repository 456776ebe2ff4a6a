import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../audit/record.ts';
import type { AccountRole } from '../contract/accounts.ts';
import type { DatabaseContext } from '../db/engine.ts';
import type { UsersTable } from '../db/schema.ts';
import type { OidcConfig } from './config.ts';
import { displayNameFromClaims, roleFromClaims, usernameFromClaims } from './oidc-claims.ts';
import type { SessionLayer } from './sessions.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { insertUser } from './users.ts';

export interface OidcSignIn {
  /** Redirects to the provider with state, nonce and a PKCE challenge kept in the session. */
  start(request: Request, response: Response): Promise<void>;
  /** Completes the code flow, creates or updates the account, signs it in and redirects into the app. */
  callback(request: Request, response: Response): Promise<void>;
}

/** Accepts only a path inside this app, so the redirect after sign-in cannot lead to another site. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value.slice(0, 500);
}

async function findOrCreateUser(
  context: DatabaseContext,
  issuer: string,
  claims: Record<string, unknown>,
  role: AccountRole,
): Promise<UsersTable> {
  const subject = String(claims.sub);
  return context.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .selectAll()
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', subject)
      .executeTakeFirst();
    const displayName = displayNameFromClaims(claims, existing?.display_name ?? usernameFromClaims(claims));
    if (existing) {
      if (existing.role !== role) {
        await recordAuditEvent(trx, {
          actor: null,
          action: 'user.role-change',
          targetType: 'user',
          targetId: existing.id,
          before: { username: existing.username, role: existing.role },
          after: { username: existing.username, role },
          reason: 'role claim from the OpenID Connect provider',
        });
      }
      const now = new Date().toISOString();
      await trx
        .updateTable('users')
        .set({ role, display_name: displayName, updated_at: now })
        .where('id', '=', existing.id)
        .execute();
      return { ...existing, role, display_name: displayName };
    }

    const base = usernameFromClaims(claims);
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      const username = attempt === 1 ? base : `${base}-${attempt}`;
      const taken = await trx
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirst();
      if (taken) continue;
      const user = await insertUser(trx, {
        username,
        displayName,
        role,
        passwordHash: null,
        oidc: { issuer, subject },
      });
      await recordAuditEvent(trx, {
        actor: null,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        after: { username, displayName, role },
        reason: 'first OpenID Connect sign-in',
      });
      return user;
    }
    throw new Error(`no free username for OpenID Connect subject ${subject} after 20 attempts`);
  });
}

export function createOidcSignIn(
  context: DatabaseContext,
  config: OidcConfig,
  sessions: SessionLayer,
  logger: Logger,
): OidcSignIn {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        client.ClientSecretPost(config.clientSecret),
      )
      .catch((error: unknown) => {
        // The next sign-in retries discovery instead of keeping a failed promise forever.
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async start(request, response) {
      const server = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      request.session.oidc = { state, nonce, codeVerifier, returnTo: safeReturnPath(request.query.returnTo) };
      const url = client.buildAuthorizationUrl(server, {
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      response.redirect(url.toString());
    },

    async callback(request, response) {
      const pending = request.session.oidc;
      if (!pending) {
        response.redirect('/sign-in?error=oidc-expired');
        return;
      }
      delete request.session.oidc;
      const server = await configuration();
      const currentUrl = new URL(request.originalUrl, config.redirectUri);
      let claims: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(server, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = { ...tokens.claims() };
      } catch (error) {
        logger.warn({ err: error, issuer: config.issuer }, 'OpenID Connect sign-in failed');
        response.redirect('/sign-in?error=oidc-failed');
        return;
      }

      const role = roleFromClaims(claims, config);
      if (!role) {
        logger.info(
          { issuer: config.issuer, subject: claims.sub },
          'OpenID Connect account has no Assay role',
        );
        response.redirect('/sign-in?error=oidc-no-role');
        return;
      }
      let user: UsersTable;
      try {
        user = await findOrCreateUser(context, config.issuer, claims, role);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two first sign-ins of the same subject raced; the other one created the account.
        user = await findOrCreateUser(context, config.issuer, claims, role);
      }
      await sessions.signIn(request, response, {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
      });
      response.redirect(pending.returnTo);
    },
  };
}
