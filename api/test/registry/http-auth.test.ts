import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createHttpRegistrySource,
  type HttpRegistryConfigInput,
  type HttpRegistryDeps,
} from '../../src/registry/http-source.ts';
import { RegistryError } from '../../src/registry/types.ts';
import { pushImage, startRegistry, type PushedImage, type TestRegistry } from '../support/registry/index.ts';

async function registryError(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

/** Creates a debug-level pino logger that keeps every line, to check what the client logs. */
function memoryLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('Bearer token auth', () => {
  let registry: TestRegistry;
  let image: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    image = await pushImage(registry.url, 'private/tool', '1.0', {}, registry.credentials);
    await pushImage(registry.url, 'private/other', '1.0', {}, registry.credentials);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  function sourceFor(extra: Partial<HttpRegistryConfigInput> = {}, deps: HttpRegistryDeps = {}) {
    return createHttpRegistrySource(
      {
        host: registry.host,
        url: registry.url,
        ...registry.credentials,
        authRealmHosts: [registry.tokenServer?.host ?? ''],
        ...extra,
      },
      deps,
    );
  }

  function tokenRequestsSince(start: number) {
    return registry.tokenServer?.requests.slice(start) ?? [];
  }

  test('reads a private repository with credentials', async () => {
    const manifest = await sourceFor().getManifest('private/tool', '1.0');

    expect(manifest.digest).toBe(image.digest);
  });

  test('caches the token per scope', async () => {
    const start = registry.tokenServer?.requests.length ?? 0;
    const source = sourceFor();

    await source.getManifest('private/tool', '1.0');
    await source.headManifest('private/tool', '1.0');
    await source.listTags('private/tool');
    await source.getBlob('private/tool', image.config.descriptor);
    await source.getManifest('private/other', '1.0');
    await source.getManifest('private/other', '1.0');

    expect(tokenRequestsSince(start).map((request) => request.scopes)).toEqual([
      ['repository:private/tool:pull'],
      ['repository:private/other:pull'],
    ]);
    expect(
      tokenRequestsSince(start).every((request) => request.username === registry.credentials?.username),
    ).toBe(true);
  });

  test('requests a new token after the old one expires', async () => {
    let now = Date.now();
    const source = sourceFor({}, { now: () => now });
    const start = registry.tokenServer?.requests.length ?? 0;

    await source.getManifest('private/tool', '1.0');
    now += 299_000;
    await source.getManifest('private/tool', '1.0');

    expect(tokenRequestsSince(start)).toHaveLength(2);
  });

  test('shares one token request among concurrent requests', async () => {
    const start = registry.tokenServer?.requests.length ?? 0;
    const source = sourceFor();
    await source.ping();

    await Promise.all([
      source.getManifest('private/tool', '1.0'),
      source.getBlob('private/tool', image.config.descriptor),
      source.listTags('private/tool'),
    ]);

    expect(tokenRequestsSince(start).map((request) => request.scopes)).toEqual([
      [],
      ['repository:private/tool:pull'],
    ]);
  });

  test('rejects anonymous access to a private repository', async () => {
    const source = sourceFor({ username: undefined, password: undefined });
    const error = await registryError(source.getManifest('private/tool', '1.0'));

    expect(error.kind).toBe('unauthorized');
    expect(error.host).toBe(registry.host);
  });

  test('rejects wrong credentials without revealing them', async () => {
    const error = await registryError(
      sourceFor({ password: 'wrong-secret-password' }).getManifest('private/tool', '1.0'),
    );

    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('assay-test');
    expect(error.message).not.toContain('wrong-secret-password');
  });

  test('refuses a token realm on a host not in authRealmHosts', async () => {
    const start = registry.tokenServer?.requests.length ?? 0;
    const error = await registryError(sourceFor({ authRealmHosts: [] }).getManifest('private/tool', '1.0'));

    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('authRealmHosts');
    expect(tokenRequestsSince(start)).toHaveLength(0);
  });

  test('never logs tokens or passwords', async () => {
    const { logger, lines } = memoryLogger();
    const source = sourceFor({}, { logger });

    await source.getManifest('private/tool', '1.0');
    await registryError(
      sourceFor({ password: 'another-secret' }, { logger }).getManifest('private/tool', '1.0'),
    );

    const output = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(output).not.toContain(registry.credentials?.password);
    expect(output).not.toContain('another-secret');
    expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });
});

describe('token endpoint variants', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistry({
      auth: 'token',
      token: { tokenField: 'access_token', expiresInSeconds: null, anonymousPull: true },
    });
    await pushImage(registry.url, 'public/tool', '1.0', {}, registry.credentials);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  test('reads access_token and defaults its lifetime to 60 seconds', async () => {
    let now = Date.now();
    const source = createHttpRegistrySource(
      { host: registry.host, url: registry.url, authRealmHosts: [registry.tokenServer?.host ?? ''] },
      { now: () => now },
    );
    const start = registry.tokenServer?.requests.length ?? 0;

    await source.getManifest('public/tool', '1.0');
    now += 50_000;
    await source.getManifest('public/tool', '1.0');
    now += 10_000;
    await source.getManifest('public/tool', '1.0');

    const requests = registry.tokenServer?.requests.slice(start) ?? [];
    expect(requests).toHaveLength(2);
    expect(requests.every((request) => request.username === undefined)).toBe(true);
  });
});

describe('Basic auth', () => {
  let registry: TestRegistry;
  let image: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' });
    image = await pushImage(registry.url, 'basic/tool', '1.0', {}, registry.credentials);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  test('reads a repository with Basic credentials', async () => {
    const source = createHttpRegistrySource({
      host: registry.host,
      url: registry.url,
      ...registry.credentials,
    });

    expect((await source.getManifest('basic/tool', '1.0')).digest).toBe(image.digest);
    expect((await source.listTags('basic/tool')).tags).toEqual(['1.0']);
  });

  test('asks for credentials when none are configured', async () => {
    const source = createHttpRegistrySource({ host: registry.host, url: registry.url });
    const error = await registryError(source.getManifest('basic/tool', '1.0'));

    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('username and password');
  });

  test('rejects wrong credentials', async () => {
    const source = createHttpRegistrySource({
      host: registry.host,
      url: registry.url,
      username: 'assay-test',
      password: 'nope',
    });
    const error = await registryError(source.getManifest('basic/tool', '1.0'));

    expect(error.kind).toBe('unauthorized');
    expect(error.message).not.toContain('nope');
  });
});
