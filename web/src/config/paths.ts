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
} as const;
