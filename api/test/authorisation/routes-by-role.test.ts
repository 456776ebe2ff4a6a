import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/http/openapi.ts';
import type { TestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import {
  createUser,
  createUserAndSignIn,
  signIn,
  startVisitor,
  type TestSession,
} from '../support/session.ts';
import { newerVersion, reviewedPlugin, startReviewAssay } from '../reviews/review-assay.ts';

type Role = 'visitor' | 'reviewer' | 'admin';
type Caller = 'visitor' | 'reviewer' | 'admin' | 'deleted user';

interface Operation {
  path: string;
  method: string;
  role: Role;
}

/** Lists every operation of the OpenAPI document with its `x-assay-role`. */
function documentedOperations(): Operation[] {
  const document = buildOpenApiDocument('test') as {
    paths: Record<string, Record<string, { 'x-assay-role': Role }>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, role: operation['x-assay-role'] })),
  );
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

/** Lists every route registered in the Express app as `METHOD /path` with OpenAPI-style `{parameters}`. */
function expressRoutes(app: Express): string[] {
  const routes: string[] = [];
  const visit = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const [method, enabled] of Object.entries(layer.route.methods)) {
            if (enabled && method !== '_all') routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return routes;
}

const rank: Record<Caller, number> = { visitor: 0, 'deleted user': 0, reviewer: 1, admin: 2 };
const required: Record<Role, number> = { visitor: 0, reviewer: 1, admin: 2 };

function concretePath(path: string): string {
  return `/api/v1${path}`
    .replace('{name}', reviewedPlugin)
    .replace('{version}', encodeURIComponent(newerVersion))
    .replace(/\{\w+\}/g, 'no-such-id');
}

describe.each(engineCases)('authorisation of every route on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;
  let stop: () => Promise<void>;
  const callers = new Map<Caller, TestSession['fetch']>();

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    ({ assay, stop } = await startReviewAssay(database, {
      ASSAY_SIGN_UP: 'open',
      ASSAY_SIGN_IN_MAX_FAILURES_PER_ADDRESS: '10000',
      ASSAY_SIGN_IN_MAX_FAILURES: '1000',
      ASSAY_SIGN_UP_MAX_PER_HOUR: '10000',
    }));

    const visitor = await startVisitor(assay);
    callers.set('visitor', (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('x-csrf-token', visitor.csrfToken);
      headers.set('cookie', visitor.jar.header());
      if (typeof init.body === 'string') headers.set('content-type', 'application/json');
      return fetch(`${assay.url}${path}`, { ...init, headers, redirect: 'manual' });
    });
    callers.set('reviewer', (await createUserAndSignIn(assay, 'reviewer')).fetch);
    callers.set('admin', (await createUserAndSignIn(assay, 'admin')).fetch);

    const doomed = await createUser(assay, { role: 'reviewer' });
    const deleted = await signIn(assay, doomed.username, doomed.password);
    const removal = await callers.get('admin')!(`/api/v1/users/${doomed.id}`, { method: 'DELETE' });
    expect(removal.status).toBe(204);
    // As the web app does on load: read the session again, which now reports a visitor and its token,
    // while the deleted session's cookie is still sent.
    const state = (await (await deleted.fetch('/api/v1/session')).json()) as {
      user: unknown;
      csrfToken: string;
    };
    expect(state.user).toBeNull();
    deleted.csrfToken = state.csrfToken;
    callers.set('deleted user', deleted.fetch);
  });

  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  it.skipIf(unavailable)('documents every Express route in OpenAPI', () => {
    const documented = new Set(
      documentedOperations().map((operation) => `${operation.method} ${operation.path}`),
    );

    const undocumented = expressRoutes(assay.server.app).filter((route) => !documented.has(route));

    expect(undocumented).toEqual([]);
  });

  it.skipIf(unavailable)('registers every documented operation in Express', () => {
    const registered = new Set(expressRoutes(assay.server.app));

    const missing = documentedOperations()
      .map((operation) => `${operation.method} ${operation.path}`)
      .filter((route) => !registered.has(route));

    expect(missing).toEqual([]);
  });

  // Signing out ends the caller's session, so it runs after every other operation.
  const ordered = () =>
    documentedOperations().sort(
      (a, b) =>
        Number(a.path === '/session' && a.method === 'delete') -
        Number(b.path === '/session' && b.method === 'delete'),
    );

  it.skipIf(unavailable)('answers each role as its x-assay-role says', async () => {
    const failures: string[] = [];
    for (const operation of ordered()) {
      for (const caller of ['visitor', 'deleted user', 'reviewer', 'admin'] as const) {
        const method = operation.method.toUpperCase();
        const init: RequestInit = { method };
        if (['POST', 'PUT', 'PATCH'].includes(method)) init.body = '{}';

        const response = await callers.get(caller)!(concretePath(operation.path), init);
        await response.arrayBuffer();

        // Allowed callers may get any status but 401 and 403 (a made-up id gives 404, an empty body 400).
        // Callers without a session must get 401, and signed-in callers below the role 403.
        const allowed = rank[caller] >= required[operation.role];
        const denial = rank[caller] === 0 ? 401 : 403;
        const actual = response.status;
        const ok = allowed ? actual !== 401 && actual !== 403 : actual === denial;
        if (!ok) {
          const expected = allowed ? 'not 401/403' : String(denial);
          failures.push(`${method} ${operation.path} as ${caller}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
