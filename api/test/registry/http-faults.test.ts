import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createHttpRegistrySource, type HttpRegistryConfigInput } from '../../src/registry/http-source.ts';
import { mediaTypes, RegistryError } from '../../src/registry/types.ts';
import {
  pushImage,
  startFaultProxy,
  startRegistry,
  type FaultProxy,
  type PushedImage,
  type TestRegistry,
} from '../support/registry/index.ts';

let registry: TestRegistry;
let proxy: FaultProxy;
let image: PushedImage;

async function registryError(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

function proxiedSource(extra: Partial<HttpRegistryConfigInput> = {}) {
  return createHttpRegistrySource({ host: 'faulty.test:5000', url: proxy.url, ...extra });
}

function requestsTo(pattern: RegExp) {
  return proxy.requests.filter((request) => pattern.test(request.path));
}

/** Returns a port that was free a moment ago, so connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  registry = await startRegistry();
  image = await pushImage(registry.url, 'faults/tool', '1.0');
  proxy = await startFaultProxy(registry.url);
});

afterEach(() => {
  proxy.rules.length = 0;
  proxy.requests.length = 0;
});

afterAll(async () => {
  await proxy?.close();
  await registry?.stop();
});

describe('rate limiting', () => {
  test('retries after 429 with Retry-After', async () => {
    proxy.rules.push({
      path: /\/manifests\//,
      times: 1,
      respond: { status: 429, headers: { 'retry-after': '0' } },
    });

    const manifest = await proxiedSource().getManifest('faults/tool', '1.0');

    expect(manifest.digest).toBe(image.digest);
    expect(requestsTo(/\/manifests\//)).toHaveLength(2);
  });

  test('gives up after maxRetries', async () => {
    proxy.rules.push({ path: /\/manifests\//, respond: { status: 429, headers: { 'retry-after': '0' } } });

    const error = await registryError(proxiedSource({ maxRetries: 1 }).getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('rate-limited');
    expect(error.message).toContain('faulty.test:5000');
    expect(requestsTo(/\/manifests\//)).toHaveLength(2);
  });

  test('fails at once when Retry-After exceeds maxRetryWaitMs', async () => {
    proxy.rules.push({ path: /\/manifests\//, respond: { status: 429, headers: { 'retry-after': '3600' } } });
    const started = Date.now();

    const error = await registryError(proxiedSource().getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(3600);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requestsTo(/\/manifests\//)).toHaveLength(1);
  });
});

describe('unreachable and slow registries', () => {
  test('reports a registry that refuses connections as unavailable', async () => {
    const port = await closedPort();
    const source = createHttpRegistrySource({ host: 'down.test', url: `http://127.0.0.1:${port}` });
    const started = Date.now();

    const error = await registryError(source.getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('connection refused');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('times out a registry slower than timeoutMs', async () => {
    proxy.rules.push({ path: /\/manifests\//, delayMs: 3_000 });
    const started = Date.now();

    const error = await registryError(proxiedSource({ timeoutMs: 200 }).getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('passes the caller abort through unchanged', async () => {
    proxy.rules.push({ path: /\/manifests\//, delayMs: 3_000 });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    setTimeout(() => controller.abort(reason), 50);

    await expect(proxiedSource().getManifest('faults/tool', '1.0', controller.signal)).rejects.toBe(reason);
  });
});

describe('manifest checks', () => {
  test('hashes the body when Docker-Content-Digest is missing', async () => {
    proxy.rules.push({ path: /\/manifests\//, dropHeaders: ['docker-content-digest'] });

    const manifest = await proxiedSource().getManifest('faults/tool', '1.0');

    expect(manifest.digest).toBe(image.digest);
  });

  test('falls back to GET when HEAD has no Docker-Content-Digest', async () => {
    proxy.rules.push({ path: /\/manifests\//, dropHeaders: ['docker-content-digest'] });

    const head = await proxiedSource().headManifest('faults/tool', '1.0');

    expect(head.digest).toBe(image.digest);
    expect(requestsTo(/\/manifests\//).map((request) => request.method)).toEqual(['HEAD', 'GET']);
  });

  test('rejects a Docker-Content-Digest that does not match the body', async () => {
    proxy.rules.push({
      path: /\/manifests\//,
      setHeaders: { 'docker-content-digest': `sha256:${'1'.repeat(64)}` },
    });

    const error = await registryError(proxiedSource().getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('digest-mismatch');
  });

  test('rejects a body that does not match the requested digest', async () => {
    proxy.rules.push({
      path: /\/manifests\//,
      dropHeaders: ['docker-content-digest'],
      replaceBody: (body) => Buffer.from(body.toString('utf8').replace('"layers"', ' "layers"')),
    });

    const error = await registryError(proxiedSource().getManifest('faults/tool', image.digest));

    expect(error.kind).toBe('digest-mismatch');
    expect(error.message).toContain(image.digest);
  });

  test('rejects a Docker schema 1 manifest', async () => {
    proxy.rules.push({
      path: /\/manifests\//,
      setHeaders: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' },
    });

    const error = await registryError(proxiedSource().getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('unsupported-media-type');
    expect(error.message).toContain(mediaTypes.ociIndex);
  });

  test('rejects a manifest served as another manifest type', async () => {
    proxy.rules.push({ path: /\/manifests\//, setHeaders: { 'content-type': mediaTypes.dockerManifest } });

    const error = await registryError(proxiedSource().getManifest('faults/tool', '1.0'));

    expect(error.kind).toBe('invalid-response');
  });

  test('rejects a blob whose bytes do not match its digest', async () => {
    proxy.rules.push({
      path: /\/blobs\//,
      replaceBody: (body) => Buffer.from(body.toString('utf8').replace('linux', 'LINUX')),
    });

    const error = await registryError(proxiedSource().getBlob('faults/tool', image.config.descriptor));

    expect(error.kind).toBe('digest-mismatch');
  });
});

describe('redirects', () => {
  function redirectBlobTo(host: string) {
    const target = `http://${host}/v2/faults/tool/blobs/${image.config.descriptor.digest}`;
    proxy.rules.push({
      path: /\/blobs\//,
      times: 1,
      respond: { status: 307, headers: { location: target } },
    });
  }

  test('follows a blob redirect to a host in blobRedirectHosts', async () => {
    redirectBlobTo(registry.host);

    const bytes = await proxiedSource({ blobRedirectHosts: [registry.host] }).getBlob(
      'faults/tool',
      image.config.descriptor,
    );

    expect(bytes).toEqual(image.config.bytes);
  });

  test('refuses a blob redirect to any other host', async () => {
    redirectBlobTo(registry.host);

    const error = await registryError(proxiedSource().getBlob('faults/tool', image.config.descriptor));

    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain(registry.host);
    expect(error.message).toContain('blobRedirectHosts');
  });

  test('refuses a manifest redirect to another host', async () => {
    proxy.rules.push({
      path: /\/manifests\//,
      respond: { status: 302, headers: { location: `${registry.url}/v2/faults/tool/manifests/1.0` } },
    });

    const error = await registryError(
      proxiedSource({ blobRedirectHosts: [registry.host] }).getManifest('faults/tool', '1.0'),
    );

    expect(error.kind).toBe('invalid-response');
  });

  test('follows a redirect on the registry host', async () => {
    proxy.rules.push({
      path: /\/manifests\/latest$/,
      respond: { status: 307, headers: { location: '/v2/faults/tool/manifests/1.0' } },
    });

    const manifest = await proxiedSource().getManifest('faults/tool', 'latest');

    expect(manifest.digest).toBe(image.digest);
  });
});

describe('referrers API', () => {
  const subject = `sha256:${'d'.repeat(64)}`;
  const referrer = (n: number) => ({
    mediaType: mediaTypes.ociManifest,
    digest: `sha256:${String(n).repeat(64)}`,
    size: 100 + n,
    artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  });

  // Distribution 2.8 has no referrers API, so these responses are canned in the shape the OCI spec defines.
  function answerReferrers(path: RegExp, manifests: unknown[], link?: string) {
    const headers: Record<string, string> = { 'content-type': mediaTypes.ociIndex };
    if (link !== undefined) headers.link = link;
    const body = JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests });
    proxy.rules.push({ path, times: 1, respond: { status: 200, headers, body } });
  }

  test('reads every page of the referrers API', async () => {
    const next = `/v2/faults/tool/referrers/${subject}?page=2`;
    answerReferrers(/\/referrers\/[^?]+$/, [referrer(1), referrer(2)], `<${next}>; rel="next"`);
    answerReferrers(/\?page=2$/, [referrer(3)]);

    const listing = await proxiedSource().listReferrers('faults/tool', subject);

    expect(listing).toEqual({ referrers: [referrer(1), referrer(2), referrer(3)], truncated: false });
    expect(requestsTo(/\/manifests\//)).toHaveLength(0);
  });

  test('stops reading referrer pages past maxReferrers', async () => {
    answerReferrers(
      /\/referrers\//,
      [referrer(1), referrer(2)],
      `</v2/faults/tool/referrers/${subject}?page=2>; rel="next"`,
    );

    const listing = await proxiedSource({ maxReferrers: 1 }).listReferrers('faults/tool', subject);

    expect(listing).toEqual({ referrers: [referrer(1)], truncated: true });
    expect(requestsTo(/\/referrers\//)).toHaveLength(1);
  });
});
