import { describe, expect, it } from 'vitest';
import { readClaim, roleFromClaims, usernameFromClaims } from '../../src/accounts/oidc-claims.ts';
import { safeReturnPath } from '../../src/accounts/oidc-sign-in.ts';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

// No OpenID Connect provider can run on this machine, so the code flow itself (openid-client) is not
// exercised here. These tests cover the configuration checks and the claim-to-role mapping.

const complete = {
  PUBLIC_URL: 'https://assay.example.org',
  ASSAY_OIDC_ISSUER: 'https://login.example.org/realms/lab',
  ASSAY_OIDC_CLIENT_ID: 'assay',
  ASSAY_OIDC_CLIENT_SECRET: 'secret',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('OpenID Connect configuration', () => {
  it('builds the callback URL from PUBLIC_URL', () => {
    const config = loadConfig({ ...complete, ASSAY_OIDC_ADMIN_VALUES: 'assay-admins, lab-leads' });

    expect(config.accounts.oidc?.redirectUri).toBe('https://assay.example.org/api/v1/auth/oidc/callback');
    expect(config.accounts.oidc?.adminValues).toEqual(['assay-admins', 'lab-leads']);
    expect(config.accounts.oidc?.roleClaim).toBe('groups');
  });

  it('stays off without any OIDC variable', () => {
    expect(loadConfig({}).accounts.oidc).toBeUndefined();
  });

  it.each([
    ['no client id', { ...complete, ASSAY_OIDC_CLIENT_ID: undefined }, 'ASSAY_OIDC_CLIENT_ID: required'],
    [
      'no client secret',
      { ...complete, ASSAY_OIDC_CLIENT_SECRET: undefined },
      'ASSAY_OIDC_CLIENT_SECRET: required',
    ],
    ['no issuer', { ...complete, ASSAY_OIDC_ISSUER: undefined }, 'ASSAY_OIDC_ISSUER: required'],
    ['no public URL', { ...complete, PUBLIC_URL: undefined }, 'PUBLIC_URL: required for OpenID Connect'],
    [
      'scopes without openid',
      { ...complete, ASSAY_OIDC_SCOPES: 'profile email' },
      'ASSAY_OIDC_SCOPES: must include openid',
    ],
    [
      'an issuer that is not a URL',
      { ...complete, ASSAY_OIDC_ISSUER: 'login' },
      'ASSAY_OIDC_ISSUER: must be the issuer URL',
    ],
  ])('lists %s as a problem', (_case, env, expected) => {
    const defined = Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;

    expect(problemsOf(defined).join('\n')).toContain(expected);
  });

  it('lists every missing variable at once', () => {
    expect(problemsOf({ ASSAY_OIDC_ISSUER: 'https://login.example.org' })).toHaveLength(3);
  });
});

describe('session configuration', () => {
  it.each([
    [
      'a short session secret',
      { ASSAY_SESSION_SECRET: 'short' },
      'ASSAY_SESSION_SECRET: must be at least 32',
    ],
    [
      'a maximum below the idle time',
      { ASSAY_SESSION_IDLE_MINUTES: '60', ASSAY_SESSION_MAX_MINUTES: '30' },
      'must not be shorter',
    ],
    ['an unknown sign-up mode', { ASSAY_SIGN_UP: 'anyone' }, 'ASSAY_SIGN_UP: must be open or invite-only'],
    ['a scrypt cost below 2^14', { ASSAY_SCRYPT_LOG2_N: '10' }, 'ASSAY_SCRYPT_LOG2_N: must be 14-20'],
  ])('lists %s as a problem', (_case, env, expected) => {
    expect(problemsOf(env).join('\n')).toContain(expected);
  });

  it('sets Secure cookies only behind https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://assay.example.org' }).accounts.secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://assay.example.org' }).accounts.secureCookies).toBe(false);
  });
});

describe('role claim mapping', () => {
  const mapping = { roleClaim: 'groups', adminValues: ['assay-admins'], reviewerValues: ['assay-reviewers'] };

  it.each([
    ['an admin group', { groups: ['staff', 'assay-admins'] }, 'admin'],
    ['a reviewer group', { groups: ['assay-reviewers'] }, 'reviewer'],
    ['both groups', { groups: ['assay-reviewers', 'assay-admins'] }, 'admin'],
    ['a space-separated string', { groups: 'staff assay-admins' }, 'admin'],
    ['no matching group', { groups: ['staff'] }, undefined],
    ['no claim at all', {}, undefined],
    ['a group that only contains the admin value', { groups: ['not-assay-admins'] }, undefined],
    ['a different case', { groups: ['Assay-Admins'] }, undefined],
    ['a numeric claim', { groups: 7 }, undefined],
  ])('maps %s', (_case, claims, role) => {
    expect(roleFromClaims(claims, mapping)).toBe(role);
  });

  it('makes everyone a reviewer without reviewer values', () => {
    expect(roleFromClaims({ groups: ['staff'] }, { ...mapping, reviewerValues: [] })).toBe('reviewer');
  });

  it('reads nested claims by dotted path', () => {
    const claims = { realm_access: { roles: ['assay-admins'] } };

    expect(readClaim(claims, 'realm_access.roles')).toEqual(['assay-admins']);
    expect(roleFromClaims(claims, { ...mapping, roleClaim: 'realm_access.roles' })).toBe('admin');
  });
});

describe('OpenID Connect account names', () => {
  it.each([
    ['preferred_username', { preferred_username: 'Ada.Lovelace', sub: '1' }, 'ada.lovelace'],
    ['the e-mail local part', { email: 'grace@example.org', sub: '2' }, 'grace'],
    ['the subject', { sub: 'f3b0c1d2' }, 'f3b0c1d2'],
    ['a fallback when every candidate is too short', { preferred_username: '<b>', sub: 'x' }, 'user'],
  ])('takes the username from %s', (_case, claims, username) => {
    expect(usernameFromClaims(claims)).toBe(username);
  });
});

describe('return path after sign-in', () => {
  it.each([
    ['/plugins/nyxus-tool', '/plugins/nyxus-tool'],
    ['//evil.example.org', '/'],
    ['https://evil.example.org', '/'],
    ['/\\evil.example.org', '/'],
    [undefined, '/'],
  ])('turns %s into %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
