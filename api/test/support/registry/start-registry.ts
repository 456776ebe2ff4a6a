import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import bcrypt from 'bcryptjs';
import type { RegistryCredentials } from './push.ts';
import { startTokenServer, type TokenServer, type TokenServerOptions } from './token-server.ts';

export type RegistryAuthMode = 'none' | 'token' | 'basic';

export interface StartRegistryOptions {
  auth?: RegistryAuthMode;
  /** Options of the token endpoint for `auth: 'token'`; a test user is always added. */
  token?: TokenServerOptions;
}

export interface TestRegistry {
  /** Base URL, for example `http://127.0.0.1:41234`. */
  url: string;
  /** Host as written in image references: `127.0.0.1:41234`. */
  host: string;
  auth: RegistryAuthMode;
  /** A user that may push and pull everything, for `basic` and `token` auth. */
  credentials: RegistryCredentials | undefined;
  /** The token endpoint, for `token` auth. */
  tokenServer: TokenServer | undefined;
  stop(): Promise<void>;
}

const readyTimeoutMs = 15_000;
const running = new Set<ChildProcess>();

// A test runner that exits without calling stop() must not leave registries behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function authConfig(
  mode: RegistryAuthMode,
  dir: string,
  credentials: RegistryCredentials,
  tokenServer?: TokenServer,
) {
  if (mode === 'basic') {
    const htpasswd = path.join(dir, 'htpasswd');
    // bcrypt is the only hash the registry's htpasswd reader accepts; cost 4 keeps tests fast.
    writeFileSync(htpasswd, `${credentials.username}:${bcrypt.hashSync(credentials.password, 4)}\n`);
    return { htpasswd: { realm: 'assay-test', path: htpasswd } };
  }
  if (mode === 'token' && tokenServer !== undefined) {
    const bundle = path.join(dir, 'token-root.pem');
    writeFileSync(bundle, tokenServer.certificatePem);
    return {
      token: {
        realm: tokenServer.realm,
        service: tokenServer.service,
        issuer: tokenServer.issuer,
        rootcertbundle: bundle,
      },
    };
  }
  return undefined;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `docker-registry exited (${child.exitCode ?? child.signalCode}) before it answered: ${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      return;
    } catch {
      await delay(50);
    }
  }
  throw new Error(`docker-registry did not answer ${url}/v2/ within ${readyTimeoutMs} ms: ${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the CNCF Distribution registry (REGISTRY_BIN, default /usr/bin/docker-registry) on
 * 127.0.0.1 with a free port and temporary storage, and waits until `/v2/` responds.
 * `auth: 'token'` also starts a token endpoint in this process; `auth: 'basic'` writes an htpasswd file.
 */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  const mode = options.auth ?? 'none';
  const bin = process.env.REGISTRY_BIN ?? '/usr/bin/docker-registry';
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-registry-'));
  const credentials: RegistryCredentials = {
    username: 'assay-test',
    password: randomBytes(12).toString('hex'),
  };
  const tokenServer =
    mode === 'token'
      ? await startTokenServer({
          ...options.token,
          users: { ...options.token?.users, [credentials.username]: credentials.password },
        })
      : undefined;

  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = {
      version: 0.1,
      log: { level: 'error', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: path.join(dir, 'data') }, delete: { enabled: true } },
      http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
      auth: authConfig(mode, dir, credentials, tokenServer),
    };
    // JSON is valid YAML, which is what the registry reads.
    const configFile = path.join(dir, 'config.yml');
    writeFileSync(configFile, JSON.stringify(config));

    const child = spawn(bin, ['serve', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    const spawnFailed = new Promise<never>((_resolve, reject) =>
      child.once('error', (error) => reject(new Error(`could not start ${bin}: ${error.message}`))),
    );

    try {
      await Promise.race([waitUntilReady(url, child, () => stderr), spawnFailed]);
    } catch (error) {
      await stopChild(child);
      running.delete(child);
      throw error;
    }

    return {
      url,
      host: `127.0.0.1:${port}`,
      auth: mode,
      credentials: mode === 'none' ? undefined : credentials,
      tokenServer,
      async stop() {
        await stopChild(child);
        running.delete(child);
        await tokenServer?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await tokenServer?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
