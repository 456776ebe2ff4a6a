import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createAccounts, issueSetupToken } from './accounts/index.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { removeReviewsOfUser } from './reviews/write.ts';
import { findVersion } from './catalog/detail.ts';
import { importManifestFolder } from './catalog/folder-import.ts';
import { refreshAllVersions } from './catalog/resolve.ts';
import { catalogRoutes } from './catalog/routes.ts';
import type { Config } from './config/index.ts';
import type { Platform } from './contract/image.ts';
import { openDatabase, type DatabaseHandle } from './db/connect.ts';
import type { DatabaseContext } from './db/engine.ts';
import { checkDataMode } from './demo/data-mode.ts';
import { openDemoRegistry, type DemoRegistry } from './demo/demo-registry.ts';
import { demoTrustRoots, seedDemoSigners } from './demo/signatures.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './http/logger.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { systemRoutes } from './http/system-routes.ts';
import { startScheduler, type ScheduledJob, type Scheduler } from './jobs/slots.ts';
import { RegistryDirectory } from './registry/directory.ts';
import { createHttpRegistrySource } from './registry/http-source.ts';
import type { RegistrySource } from './registry/types.ts';
import { createScanModule } from './scans/module.ts';
import { loadSignerFacts } from './signers/badges.ts';
import { signerRoutes } from './signers/routes.ts';
import { createTrustProvider } from './signers/signer-trust.ts';
import { syncAllSignatures, syncOneVersionSignatures } from './signers/sync.ts';
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
  /**
   * The refresh that start() begins with timers on: images, signatures, then attestations. It runs on
   * every start, also when another process (a live instance, or this one before a restart) owns the
   * current slot. Undefined before start() and with timers off.
   */
  readonly startupRefresh: Promise<void> | undefined;
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
): Promise<{ sources: RegistrySource[]; demo?: DemoRegistry }> {
  if (overrides.registrySources) return { sources: overrides.registrySources };
  const sources: RegistrySource[] = config.registries.map((entry) =>
    createHttpRegistrySource(entry, { logger: logger.child({ registry: entry.host }) }),
  );
  if (!config.demo || !config.manifestDir) return { sources };
  const demo = await openDemoRegistry(config.manifestDir, config.dataDir);
  logger.info({ dir: demo.dir, images: demo.images, rebuilt: demo.rebuilt }, 'demo registry ready');
  return { sources: [...sources, demo.source], demo };
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
  const database = await openDatabase(config.database, {
    onPoolError: (error) =>
      logger.warn({ err: error }, 'an idle database connection failed and was replaced'),
  });
  const context = { db: database.db, engine: database.engine };
  try {
    const location =
      config.database.engine === 'sqlite'
        ? { engine: 'sqlite' as const, dataDir: config.dataDir }
        : { engine: 'postgres' as const };
    await checkDataMode(context.db, { demo: config.demo, location });
  } catch (error) {
    await database.close();
    throw error;
  }
  const { sources, demo } = await buildSources(config, logger, overrides);
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
        checkVersion: checkVersionNow,
        runInBackground,
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
    strictTransportSecurity:
      config.publicUrl !== undefined && new URL(config.publicUrl).protocol === 'https:',
  });
  let server: Server | undefined;
  let setupLink: string | undefined;
  let startupRefresh: Promise<void> | undefined;
  let stopDemoRebuilds: (() => void) | undefined;
  const backgroundTasks = new Set<Promise<void>>();

  /** Runs work that outlives its request; stop() waits for it before the database closes. */
  function runInBackground(task: () => Promise<void>) {
    const running = task()
      .catch((error: unknown) => logger.error({ err: error }, 'background task failed'))
      .finally(() => backgroundTasks.delete(running));
    backgroundTasks.add(running);
  }

  /** Looks up one version's signatures (read again even when cached) and attestations now. */
  async function checkVersionNow(plugin: string, version: string) {
    const { version: row } = await findVersion(context, plugin, version);
    await syncOneVersionSignatures(signatureDeps, row.id, { force: true });
    // Reports are stored under the digest the version shows, as the scheduled check does.
    const digest = row.registered_digest ?? row.current_digest;
    if (digest === null || row.image_repository === '') return;
    await scans.checkImageAttestations({
      registry: row.image_registry,
      repository: row.image_repository,
      digest,
      platformDigests: (JSON.parse(row.platforms) as Platform[]).map((platform) => platform.digest),
    });
  }

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
    get startupRefresh() {
      return startupRefresh;
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
      // The first refresh runs right away so a start shows digests within seconds, not after one
      // interval, and a restart picks up a changed manifest folder at once. Attestations are read once
      // the digests are known.
      if (overrides.schedule !== false) {
        startupRefresh = started
          .runAtStart(refreshJob)
          .then(() => started.runAtStart(scans.attestationJob))
          .then(
            () => undefined,
            (error: unknown) => logger.error({ err: error }, 'first refresh failed'),
          );
        stopDemoRebuilds = demo?.startRebuilds(logger);
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
      stopDemoRebuilds?.();
      scans.stop();
      await scheduler?.stop();
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => closing.close(() => resolve()));
        closing.closeAllConnections();
      }
      await Promise.allSettled([...backgroundTasks]);
      await database.close();
    },
  };
}
