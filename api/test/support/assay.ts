import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/index.ts';
import type { RegistrySource } from '../../src/registry/types.ts';
import { createAssayServer, type AssayServer } from '../../src/server.ts';
import type { TestDatabase } from './database.ts';

export const fixtureManifestDir = path.resolve(import.meta.dirname, '../fixtures/wipp-manifests');

export interface TestAssay {
  server: AssayServer;
  /** Base URL, for example `http://127.0.0.1:40123`. */
  url: string;
  getJson<T = unknown>(pathAndQuery: string): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * Starts an Assay server on a free loopback port with the given database, no demo registry, no web
 * app and no background timers; tests call `syncNow()` or `runScheduledRefresh()` themselves.
 */
export async function startTestAssay(options: {
  database: TestDatabase;
  env?: Record<string, string>;
  registrySources?: RegistrySource[];
  instance?: string;
}): Promise<TestAssay> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    ASSAY_DEMO: 'false',
    ASSAY_WEB_DIR: path.join(import.meta.dirname, 'no-web-app'),
    LOG_LEVEL: 'silent',
    ...options.database.env,
    ...options.env,
  });
  const server = await createAssayServer(config, {
    logger: pino({ level: 'silent' }),
    schedule: false,
    ...(options.registrySources ? { registrySources: options.registrySources } : {}),
    ...(options.instance ? { instance: options.instance } : {}),
  });
  const url = await server.start();
  return {
    server,
    url,
    async getJson<T>(pathAndQuery: string) {
      const response = await fetch(`${url}${pathAndQuery}`);
      return { status: response.status, body: (await response.json()) as T, headers: response.headers };
    },
    stop: () => server.stop(),
  };
}
