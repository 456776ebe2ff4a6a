// @vitest-environment node
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type ApiFailure } from './api-client';

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

// Each path of this loopback server responds with one fixed reply, as the API or a proxy in front of it would.
const replies: Record<string, Reply> = {
  '/api/v1/ok': {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ name: 'nyxus-tool' }),
  },
  '/api/v1/wrong-shape': { status: 200, contentType: 'application/json', body: JSON.stringify({ name: 42 }) },
  '/api/v1/not-json': { status: 200, contentType: 'text/html', body: '<html>hello</html>' },
  '/api/v1/missing': {
    status: 404,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'not-found', message: 'No plugin named "x".' } }),
  },
  '/api/v1/invalid': {
    status: 400,
    contentType: 'application/json',
    body: JSON.stringify({
      error: { code: 'invalid-input', message: 'pageSize must be 1-100', details: [{ path: 'pageSize' }] },
    }),
  },
  '/api/v1/registry-down': {
    status: 502,
    contentType: 'application/json',
    body: JSON.stringify({
      error: { code: 'upstream-unavailable', message: 'Registry registry.example.org did not answer.' },
    }),
  },
  '/api/v1/registry-slow': {
    status: 504,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'upstream-timeout', message: 'Registry timed out after 10 s.' } }),
  },
  '/api/v1/proxy-error': { status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' },
  '/api/v1/unknown-code': {
    status: 418,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'teapot', message: 'short and stout' } }),
  },
  '/api/v1/raw': { status: 200, contentType: 'application/octet-stream', body: '{ "name" : "x" }\n' },
};

let server: Server;
let baseUrl: string;
const seenUrls: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenUrls.push(request.url ?? '');
    const reply = replies[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    if (!reply) {
      response.writeHead(500).end();
      return;
    }
    response.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const nameSchema = z.object({ name: z.string() });

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).failure;
  }
  throw new Error('expected the request to fail');
}

describe('createApiClient', () => {
  it('returns data that matches the schema', async () => {
    const client = createApiClient({ baseUrl, fetch });

    await expect(client.getJson('/ok', nameSchema)).resolves.toEqual({ name: 'nyxus-tool' });
  });

  it.each([
    { path: '/missing', status: 404, code: 'not-found', message: 'No plugin named "x".' },
    { path: '/invalid', status: 400, code: 'invalid-input', message: 'pageSize must be 1-100' },
    {
      path: '/registry-down',
      status: 502,
      code: 'upstream-unavailable',
      message: 'Registry registry.example.org did not answer.',
    },
    {
      path: '/registry-slow',
      status: 504,
      code: 'upstream-timeout',
      message: 'Registry timed out after 10 s.',
    },
  ])('maps error body of $path to code $code', async ({ path, status, code, message }) => {
    const client = createApiClient({ baseUrl, fetch });

    const failure = await failureOf(client.getJson(path, nameSchema));

    expect(failure).toMatchObject({ kind: 'api', status, code, message });
  });

  it('keeps the details of an error body', async () => {
    const client = createApiClient({ baseUrl, fetch });

    const failure = await failureOf(client.getJson('/invalid', nameSchema));

    expect(failure).toMatchObject({ kind: 'api', details: [{ path: 'pageSize' }] });
  });

  it.each([
    { path: '/proxy-error', status: 502, messagePart: 'without an Assay error body' },
    { path: '/unknown-code', status: 418, messagePart: 'without an Assay error body' },
    { path: '/wrong-shape', status: 200, messagePart: '$.name' },
    { path: '/not-json', status: 200, messagePart: 'the body is not JSON' },
  ])('reports $path as an unexpected response', async ({ path, status, messagePart }) => {
    const client = createApiClient({ baseUrl, fetch });

    const failure = await failureOf(client.getJson(path, nameSchema));

    expect(failure.kind).toBe('unexpected-response');
    expect(failure).toHaveProperty('status', status);
    expect(failure.message).toContain(messagePart);
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, fetch });

    const failure = await failureOf(client.getJson('/ok', nameSchema));

    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('/ok');
  });

  it('rethrows an aborted request unchanged', async () => {
    const client = createApiClient({ baseUrl, fetch });
    const controller = new AbortController();
    controller.abort();

    const error = await client
      .getJson('/ok', nameSchema, { signal: controller.signal })
      .catch((caught) => caught);

    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('repeats list parameters and leaves out undefined ones', async () => {
    const client = createApiClient({ baseUrl, fetch });

    await client.getJson('/ok', nameSchema, {
      search: { q: 'seg', inputType: ['collection', 'csvCollection'], sort: undefined, page: 2 },
    });

    expect(seenUrls.at(-1)).toBe('/api/v1/ok?q=seg&inputType=collection&inputType=csvCollection&page=2');
  });

  it('returns text bodies unchanged', async () => {
    const client = createApiClient({ baseUrl, fetch });

    await expect(client.getText('/raw')).resolves.toBe('{ "name" : "x" }\n');
  });
});
