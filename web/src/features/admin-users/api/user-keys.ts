/** Query keys of the admin user pages; mutations invalidate `all` by prefix. */
export const userKeys = {
  all: ['admin'] as const,
  users: () => ['admin', 'users'] as const,
  invitations: () => ['admin', 'invitations'] as const,
};
