import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import { importManifestFolder } from './catalog/folder-import.ts';
import { refreshAllVersions } from './catalog/resolve.ts';
import { catalogRoutes } from './catalog/routes.ts';
import type { Config } from './config/index.ts';
import { openDatabase, type DatabaseHandle } from './db/connect.ts';
import { buildDemoLayout, demoRegistryHost } from './demo/build.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './http/logger.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { systemRoutes } from './http/system-routes.ts';
import { startScheduler, type ScheduledJob, type Scheduler } from './jobs/slots.ts';
import { RegistryDirectory } from './registry/directory.ts';
import { createHttpRegistrySource } from './registry/http-source.ts';
import { createOciLayoutSource } from './registry/oci-layout-source.ts';
import type { RegistrySource } from './registry/types.ts';

export const assayVersion = '0.1.0';

export interface AssayServer {
  readonly database: DatabaseHandle;
  readonly directory: RegistryDirectory;
  readonly logger: Logger;
  /** Listens on the configured address and returns the base URL; imports manifests and schedules refreshes. */
  start(): Promise<string>;
  /** Imports the manifest folder and resolves every version now (tests and the CLI use it). */
  syncNow(options?: { force?: boolean }): Promise<void>;
  /** Runs the catalog refresh job if this instance wins the current slot. */
  runScheduledRefresh(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface ServerOverrides {
  logger?: Logger;
  /** Registry sources to use in place of the configured ones (tests inject counting sources this way). */
  registrySources?: RegistrySource[];
  instance?: string;
  /** Start background timers (default true). */
  schedule?: boolean;
}

async function buildSources(
  config: Config,
  logger: Logger,
  overrides: ServerOverrides,
): Promise<RegistrySource[]> {
  if (overrides.registrySources) return overrides.registrySources;
  const sources: RegistrySource[] = config.registries.map((entry) =>
    createHttpRegistrySource(entry, { logger: logger.child({ registry: entry.host }) }),
  );
  if (config.demo && config.manifestDir) {
    const layoutDir = path.join(config.dataDir, 'demo-layout');
    const demo = await buildDemoLayout(config.manifestDir, layoutDir);
    logger.info({ dir: demo.dir, images: demo.images, rebuilt: demo.rebuilt }, 'demo registry ready');
    sources.push(createOciLayoutSource({ host: demoRegistryHost, dir: layoutDir }));
  }
  return sources;
}

export async function createAssayServer(
  config: Config,
  overrides: ServerOverrides = {},
): Promise<AssayServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const instance = overrides.instance ?? randomUUID();
  const database = await openDatabase(config.database);
  const context = { db: database.db, engine: database.engine };
  const sources = await buildSources(config, logger, overrides);
  const directory = new RegistryDirectory(sources);
  let ready = false;

  const resolverDeps = { context, directory, logger, tagTtlMs: config.tagTtlSeconds * 1000 };
  const refreshJob: ScheduledJob = {
    name: 'catalog-refresh',
    intervalMs: config.refreshIntervalSeconds * 1000,
    run: async () => {
      const result = await refreshAllVersions(resolverDeps, { force: false });
      return `resolved ${result.resolved}, unchanged ${result.unchanged}, failed ${result.failed}`;
    },
  };
  let scheduler: Scheduler | undefined;

  const meta = {
    version: assayVersion,
    demo: config.demo,
    registries: sources.map((source) => ({ host: source.host, kind: source.kind })),
    database: database.engine,
  };
  const app = createApp({
    logger,
    apiRouters: [
      systemRoutes(context, { meta, isReady: () => ready }, () => buildOpenApiDocument(assayVersion)),
      catalogRoutes(context),
    ],
    webDir: config.webDir,
    trustProxy: config.publicUrl !== undefined,
  });
  let server: Server | undefined;

  async function importFolder() {
    if (config.manifestDir) await importManifestFolder(context, config.manifestDir, logger);
  }

  return {
    database,
    directory,
    logger,
    async start() {
      await importFolder();
      ready = true;
      server = await new Promise<Server>((resolve, reject) => {
        const listening = app.listen(config.port, config.host, (error?: Error) =>
          error ? reject(error) : resolve(listening),
        );
      });
      scheduler = startScheduler(context, [refreshJob], {
        instance,
        logger,
        autoStart: overrides.schedule !== false,
      });
      // The first refresh runs right away so a fresh start shows digests within seconds, not after one interval.
      if (overrides.schedule !== false) void scheduler.runDue(refreshJob);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    },
    async syncNow(options) {
      await importFolder();
      ready = true;
      await refreshAllVersions(resolverDeps, { force: options?.force ?? false });
    },
    async runScheduledRefresh() {
      scheduler ??= startScheduler(context, [refreshJob], { instance, logger, autoStart: false });
      return scheduler.runDue(refreshJob);
    },
    async stop() {
      await scheduler?.stop();
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => closing.close(() => resolve()));
        closing.closeAllConnections();
      }
      await database.close();
    },
  };
}
