import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express } from 'express';
import path from 'node:path';
import type { Logger } from 'pino';
import { createAccounts, issueSetupToken } from './accounts/index.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { removeReviewsOfUser } from './reviews/write.ts';
import { importManifestFolder } from './catalog/folder-import.ts';
import { refreshAllVersions } from './catalog/resolve.ts';
import { catalogRoutes } from './catalog/routes.ts';
import type { Config } from './config/index.ts';
import { openDatabase, type DatabaseHandle } from './db/connect.ts';
import type { DatabaseContext } from './db/engine.ts';
import { buildDemoLayout, demoRegistryHost } from './demo/build.ts';
import { demoTrustRoots, seedDemoSigners } from './demo/signatures.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './http/logger.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { systemRoutes } from './http/system-routes.ts';
import { startScheduler, type ScheduledJob, type Scheduler } from './jobs/slots.ts';
import { RegistryDirectory } from './registry/directory.ts';
import { createHttpRegistrySource } from './registry/http-source.ts';
import { createOciLayoutSource } from './registry/oci-layout-source.ts';
import type { RegistrySource } from './registry/types.ts';
import { createScanModule } from './scans/module.ts';
import { loadSignerFacts } from './signers/badges.ts';
import { signerRoutes } from './signers/routes.ts';
import { createTrustProvider } from './signers/signer-trust.ts';
import { syncAllSignatures } from './signers/sync.ts';
import { loadTrustRoots } from './signers/trust-roots.ts';
import { auditRoutes } from './audit/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { policyRoutes } from './policy/routes.ts';
import { createVerdictRefresher } from './verdict/catalog-verdicts.ts';
import { verdictRoutes } from './verdict/routes.ts';

export const assayVersion = '0.1.0';

export interface AssayServer {
  readonly database: DatabaseHandle;
  readonly directory: RegistryDirectory;
  readonly logger: Logger;
  /** The Express app; the authorisation test compares its routes with the OpenAPI operations. */
  readonly app: Express;
  /** Listens on the configured address and returns the base URL; imports manifests and schedules refreshes. */
  start(): Promise<string>;
  /** The one-time link that creates the first admin, after start() while no admin exists. */
  readonly setupLink: string | undefined;
  /** Imports the manifest folder and resolves every version now (tests and the CLI use it). */
  syncNow(options?: { force?: boolean }): Promise<void>;
  /** Runs the catalog refresh job if this instance wins the current slot. */
  runScheduledRefresh(): Promise<boolean>;
  /** Checks every resolved image's vulnerability attestations now (tests use it); returns a summary. */
  checkAttestationsNow(): Promise<string>;
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

/** Prints a one-time link that creates the first admin, while no admin exists (the documented bootstrap). */
async function announceSetupToken(
  context: DatabaseContext,
  baseUrl: string,
  logger: Logger,
): Promise<string | undefined> {
  const token = await issueSetupToken(context);
  if (!token) return undefined;
  const link = new URL(`/setup?token=${token}`, baseUrl).toString();
  logger.warn(
    { setupLink: link },
    'No admin account exists yet. Open the setup link within 24 hours to create one.',
  );
  return link;
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
  const trust = createTrustProvider(
    await loadTrustRoots(config.signatures, config.demo ? demoTrustRoots() : undefined),
  );
  if (config.demo) await seedDemoSigners(context.db, new Date());
  const signatureDeps = {
    context,
    directory,
    logger,
    trust,
    limits: config.signatures.limits,
    ttlMs: config.signatures.ttlSeconds * 1000,
  };
  const refreshJob: ScheduledJob = {
    name: 'catalog-refresh',
    intervalMs: config.refreshIntervalSeconds * 1000,
    run: async () => {
      const result = await refreshAllVersions(resolverDeps, { force: false });
      const signatures = await syncAllSignatures(signatureDeps, { force: false });
      return `resolved ${result.resolved}, unchanged ${result.unchanged}, failed ${result.failed}; signatures looked up ${signatures['looked-up']}, failed ${signatures.failed}`;
    },
  };
  const scans = createScanModule({
    context,
    directory,
    registries: config.registries,
    config: config.scans,
    logger,
    trust: { current: () => trust.current(context.db) },
    signers: () => loadSignerFacts(context.db),
    attestationIntervalSeconds: config.refreshIntervalSeconds,
  });
  const verdicts = createVerdictRefresher(context);
  // Reads recompute stale verdicts on demand; this job also records verdict changes that background
  // jobs cause (new signatures, scans, expiries) while nobody is looking.
  const verdictJob: ScheduledJob = {
    name: 'verdict-refresh',
    intervalMs: config.refreshIntervalSeconds * 1000,
    run: async () => {
      const outcome = await verdicts.refresh();
      return outcome.refreshed
        ? `computed ${outcome.computed}, written ${outcome.written}, changed ${outcome.changed}`
        : 'verdicts current';
    },
  };
  const scheduledJobs = [
    refreshJob,
    scans.attestationJob,
    ...(scans.rescanJob ? [scans.rescanJob] : []),
    verdictJob,
  ];
  let scheduler: Scheduler | undefined;

  const meta = {
    version: assayVersion,
    demo: config.demo,
    registries: sources.map((source) => ({ host: source.host, kind: source.kind })),
    database: database.engine,
  };
  const accounts = await createAccounts(context, config.accounts, {
    logger,
    deletionHooks: [removeReviewsOfUser(context)],
  });
  const app = createApp({
    logger,
    apiRouters: [
      accounts.router,
      systemRoutes(context, { meta, isReady: () => ready }, () => buildOpenApiDocument(assayVersion)),
      catalogRoutes(context, resolverDeps, {
        scanIndicators: scans.indicators,
        manifestUrlHosts: config.manifestUrlHosts,
        beforeSearch: () => verdicts.ensureFresh(),
        afterImageRefresh: async () => {
          await syncAllSignatures(signatureDeps, { force: false });
          await scans.attestationJob.run();
        },
      }),
      reviewRoutes({ context, reviewWriteLimit: accounts.limiters.reviewWrites }),
      signerRoutes({ context, trust }),
      scans.router,
      verdictRoutes({ context, refresher: verdicts }),
      policyRoutes({ context, afterChange: () => verdicts.ensureFresh() }),
      auditRoutes({ context }),
      exportRoutes({ context }),
    ],
    webDir: config.webDir,
    trustProxy: config.publicUrl !== undefined,
  });
  let server: Server | undefined;
  let setupLink: string | undefined;

  async function importFolder() {
    if (config.manifestDir) await importManifestFolder(context, config.manifestDir, logger);
  }

  return {
    database,
    directory,
    logger,
    app,
    get setupLink() {
      return setupLink;
    },
    async start() {
      await importFolder();
      ready = true;
      server = await new Promise<Server>((resolve, reject) => {
        const listening = app.listen(config.port, config.host, (error?: Error) =>
          error ? reject(error) : resolve(listening),
        );
      });
      const started = startScheduler(context, scheduledJobs, {
        instance,
        logger,
        autoStart: overrides.schedule !== false,
      });
      scheduler = started;
      // The first refresh runs right away so a fresh start shows digests within seconds, not after one
      // interval. Attestations are read once the digests are known.
      if (overrides.schedule !== false) {
        void started
          .runDue(refreshJob)
          .then(() => started.runDue(scans.attestationJob))
          .catch((error: unknown) => logger.error({ err: error }, 'first refresh failed'));
      }
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
      setupLink = await announceSetupToken(context, config.publicUrl ?? baseUrl, logger);
      return baseUrl;
    },
    async syncNow(options) {
      await importFolder();
      ready = true;
      await refreshAllVersions(resolverDeps, { force: options?.force ?? false });
      await syncAllSignatures(signatureDeps, { force: options?.force ?? false });
    },
    async runScheduledRefresh() {
      scheduler ??= startScheduler(context, [refreshJob], { instance, logger, autoStart: false });
      return scheduler.runDue(refreshJob);
    },
    async checkAttestationsNow() {
      return scans.attestationJob.run();
    },
    async stop() {
      scans.stop();
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
