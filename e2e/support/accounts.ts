import { request, type APIRequestContext } from '@playwright/test';

// Accounts the global setup creates directly in the database, so tests can sign in without a setup step.
export const e2eAccounts = {
  admin: { username: 'e2e-admin', password: 'e2e admin password', displayName: 'Erin Admin' },
  reviewer: { username: 'e2e-reviewer', password: 'e2e reviewer password', displayName: 'Rey Reviewer' },
  reporter: { username: 'e2e-reporter', password: 'e2e reporter password', displayName: 'Remy Reporter' },
} as const;

export interface ApiSession {
  request: APIRequestContext;
  /** Sends a state-changing request with the session's CSRF token; the body is JSON. */
  send(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  dispose(): Promise<void>;
}

/** Signs in through the API as the web app does (token from GET /session, then POST /session). */
export async function apiSignIn(baseURL: string, username: string, password: string): Promise<ApiSession> {
  const context = await request.newContext({ baseURL });
  const state = (await (await context.get('/api/v1/session')).json()) as { csrfToken: string };
  const signedIn = await context.post('/api/v1/session', {
    headers: { 'x-csrf-token': state.csrfToken },
    data: { username, password },
  });
  if (signedIn.status() !== 200)
    throw new Error(`API sign-in of ${username} failed: ${signedIn.status()} ${await signedIn.text()}`);
  let token = ((await signedIn.json()) as { csrfToken: string }).csrfToken;
  return {
    request: context,
    async send(method, path, body) {
      const response = await context.fetch(`/api/v1${path}`, {
        method,
        headers: { 'x-csrf-token': token },
        ...(body === undefined ? {} : { data: body }),
      });
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (path === '/session' && method === 'DELETE') token = (parsed as { csrfToken: string }).csrfToken;
      return { status: response.status(), body: parsed };
    },
    dispose: () => context.dispose(),
  };
}
