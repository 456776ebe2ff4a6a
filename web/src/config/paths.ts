/** Every route of the app: `pattern` for the router, `build` for links. Route parameters are URL-encoded here. */
export const paths = {
  catalog: {
    pattern: '/',
    build: (search?: URLSearchParams): string => {
      const query = search?.toString();
      return query ? `/?${query}` : '/';
    },
  },
  plugin: {
    pattern: '/plugins/:name',
    build: (name: string): string => `/plugins/${encodeURIComponent(name)}`,
  },
  pluginVersion: {
    pattern: '/plugins/:name/versions/:version',
    build: (name: string, version: string): string =>
      `/plugins/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
  },
  compare: {
    pattern: '/plugins/:name/compare',
    /** Compares the scan findings of version `from` with those of version `to`. */
    build: (name: string, from?: string, to?: string): string => {
      const search = new URLSearchParams();
      if (from) search.set('from', from);
      if (to) search.set('to', to);
      const query = search.toString();
      return `/plugins/${encodeURIComponent(name)}/compare${query ? `?${query}` : ''}`;
    },
  },
  signIn: {
    pattern: '/sign-in',
    /** `returnTo` is a path inside the app to open after signing in. */
    build: (returnTo?: string): string =>
      returnTo && returnTo !== '/' ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in',
  },
  signUp: { pattern: '/sign-up', build: (): string => '/sign-up' },
  setup: { pattern: '/setup', build: (): string => '/setup' },
  join: {
    pattern: '/join',
    build: (token: string): string => `/join?token=${encodeURIComponent(token)}`,
  },
  adminUsers: { pattern: '/admin/users', build: (): string => '/admin/users' },
  importManifest: { pattern: '/admin/import', build: (): string => '/admin/import' },
  moderation: { pattern: '/admin/reviews', build: (): string => '/admin/reviews' },
  signers: {
    pattern: '/signers',
    build: (search?: URLSearchParams): string => {
      const query = search?.toString();
      return query ? `/signers?${query}` : '/signers';
    },
  },
  signer: {
    pattern: '/signers/:id',
    build: (id: string): string => `/signers/${encodeURIComponent(id)}`,
  },
  /** The trust policy; `version` shows an older version, `hash` an exception within it. */
  policy: {
    pattern: '/policy',
    build: (version?: number): string => (version === undefined ? '/policy' : `/policy?version=${version}`),
  },
  adminOverview: { pattern: '/admin', build: (): string => '/admin' },
  /** Every plugin of the overview's "Scans to renew", `page` counting from 1. */
  staleScans: {
    pattern: '/admin/scans-to-renew',
    build: (page?: number): string =>
      page === undefined || page <= 1 ? '/admin/scans-to-renew' : `/admin/scans-to-renew?page=${page}`,
  },
  auditLog: {
    pattern: '/admin/audit',
    build: (search?: URLSearchParams): string => {
      const query = search?.toString();
      return query ? `/admin/audit?${query}` : '/admin/audit';
    },
  },
  exports: { pattern: '/admin/exports', build: (): string => '/admin/exports' },
} as const;
