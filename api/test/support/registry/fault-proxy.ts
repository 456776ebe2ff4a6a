import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A fault to inject. Every matching rule with uses left applies: `delayMs` waits, `respond` sends a
 * response without contacting the registry, and the header and body edits change the registry's response.
 */
export interface FaultRule {
  method?: string;
  /** Matched against the path and query, for example /\/manifests\//. */
  path?: RegExp;
  /** How many requests the rule applies to (default: all). */
  times?: number;
  /** Delay before the response, to make a registry slow. */
  delayMs?: number;
  respond?: { status: number; headers?: Record<string, string>; body?: string };
  dropHeaders?: string[];
  setHeaders?: Record<string, string>;
  replaceBody?: (body: Buffer) => Buffer;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** Whether the request carried an Authorization header (its value is never kept). */
  authorized: boolean;
}

export interface FaultProxy {
  url: string;
  host: string;
  /** Rules in force; tests may push more while the proxy runs. */
  rules: FaultRule[];
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  rules?: FaultRule[];
  /**
   * Serve tag lists in pages of this size with `Link: <...>; rel="next"`, honouring `n` and `last`.
   * Distribution 2.8 (the Debian package) returns every tag at once; version 3 pages like this.
   */
  tagPageSize?: number;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target: URL, incoming: IncomingMessage, body: Buffer, path: string): Promise<Upstream> {
  const headers = { ...incoming.headers, host: target.host };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, target), { method: incoming.method, headers }, (response) => {
      readBody(response).then(
        (responseBody) =>
          resolve({
            status: response.statusCode ?? 502,
            headers: { ...response.headers } as Upstream['headers'],
            body: responseBody,
          }),
        reject,
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Emulates Distribution 3 tag paging over a registry that lists every tag at once. */
async function pagedTags(
  target: URL,
  incoming: IncomingMessage,
  url: URL,
  pageSize: number,
): Promise<Upstream> {
  const upstream = await forward(target, incoming, Buffer.alloc(0), url.pathname);
  if (upstream.status !== 200) return upstream;

  const listing = JSON.parse(upstream.body.toString('utf8')) as { name: string; tags: string[] | null };
  const size = Number(url.searchParams.get('n') ?? pageSize);
  const last = url.searchParams.get('last');
  const remaining = (listing.tags ?? []).sort().filter((tag) => last === null || tag > last);
  const page = remaining.slice(0, size);

  const headers: Upstream['headers'] = { 'content-type': 'application/json' };
  if (remaining.length > page.length) {
    const next = new URLSearchParams({ last: page.at(-1) ?? '', n: String(size) });
    headers.link = `<${url.pathname}?${next.toString()}>; rel="next"`;
  }
  return { status: 200, headers, body: Buffer.from(JSON.stringify({ name: listing.name, tags: page })) };
}

/** Starts a loopback HTTP proxy in front of `target` (a registry URL) that injects the given faults. */
export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const rules = [...(options.rules ?? [])];
  const requests: ProxiedRequest[] = [];
  const uses = new Map<FaultRule, number>();

  function matchingRules(method: string, path: string): FaultRule[] {
    return rules.filter((rule) => {
      if (rule.method !== undefined && rule.method !== method) return false;
      if (rule.path !== undefined && !rule.path.test(path)) return false;
      const used = uses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) return false;
      uses.set(rule, used + 1);
      return true;
    });
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    requests.push({ method, path, authorized: incoming.headers.authorization !== undefined });
    const applied = matchingRules(method, path);
    const body = await readBody(incoming);

    for (const rule of applied) if (rule.delayMs !== undefined) await delay(rule.delayMs);
    if (outgoing.destroyed) return;

    const canned = applied.find((rule) => rule.respond !== undefined)?.respond;
    if (canned !== undefined) {
      outgoing.writeHead(canned.status, canned.headers).end(canned.body);
      return;
    }

    const url = new URL(path, 'http://proxy.invalid');
    const isTagList = method === 'GET' && /^\/v2\/.+\/tags\/list$/.test(url.pathname);
    const upstream =
      isTagList && options.tagPageSize !== undefined
        ? await pagedTags(targetUrl, incoming, url, options.tagPageSize)
        : await forward(targetUrl, incoming, body, path);

    let responseBody = upstream.body;
    const headers = { ...upstream.headers };
    for (const rule of applied) {
      for (const name of rule.dropHeaders ?? []) delete headers[name.toLowerCase()];
      for (const [name, value] of Object.entries(rule.setHeaders ?? {})) headers[name.toLowerCase()] = value;
      if (rule.replaceBody !== undefined) responseBody = rule.replaceBody(responseBody);
    }
    // The body was read whole, so it goes out with a length rather than in chunks.
    delete headers['transfer-encoding'];
    if (method !== 'HEAD') headers['content-length'] = String(responseBody.byteLength);
    outgoing.writeHead(upstream.status, headers).end(method === 'HEAD' ? undefined : responseBody);
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end(`proxy error: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    rules,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
