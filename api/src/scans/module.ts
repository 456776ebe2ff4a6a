import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { DatabaseContext } from '../db/engine.ts';
import type { ScheduledJob } from '../jobs/slots.ts';
import type { HttpRegistryConfig } from '../registry/http-config.ts';
import type { RegistryDirectory } from '../registry/directory.ts';
import { loadCurrentPolicy } from '../policy/store.ts';
import {
  importImageAttestations,
  type AttestationImportDeps,
  type AttestationTrust,
  type AttestedImage,
} from './attestations/import.ts';
import { refreshAllAttestations } from './attestations/refresh.ts';
import type { ScanConfig } from './config.ts';
import type { SignerLookup } from './deps.ts';
import { ScanIndicators } from './indicators.ts';
import { defaultScanReportLimits } from './parsers/parse-scan-report.ts';
import { createScanRunner, rescanLatestVersions, type ScanRunnerDeps } from './rescan.ts';
import { scanRoutes } from './routes.ts';

export interface ScanModuleDeps {
  context: DatabaseContext;
  directory: RegistryDirectory;
  registries: readonly HttpRegistryConfig[];
  config: ScanConfig;
  logger: Logger;
  /** The signature trust attestations are verified with: the signer table's keys and identities. */
  trust: AttestationTrust;
  signers: SignerLookup;
  /** Seconds between checks of every image's attestations. */
  attestationIntervalSeconds: number;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface ScanModule {
  router: Router;
  /** The catalog's severity indicators. */
  indicators: ScanIndicators;
  /** Checks every image's vulnerability attestations; run after the catalog refresh. */
  attestationJob: ScheduledJob;
  /** Checks one image's vulnerability attestations now, as the scheduled job does for every image. */
  checkImageAttestations(image: AttestedImage): Promise<void>;
  /** Rescans every plugin's newest version; present when a scanner is configured and the interval is not 0. */
  rescanJob: ScheduledJob | undefined;
  /** Ends the scheduled loops after their current image. */
  stop(): void;
}

// Layers of one `.att` manifest, and bundle referrers, read per digest; cosign adds one per `attest` run.
const maxAttestationLayers = 32;
// Platform manifests of one index whose attestations are read.
const maxAttestationPlatforms = 16;

/** Builds the scan routes, the catalog indicators and the scheduled scan jobs. */
export function createScanModule(deps: ScanModuleDeps): ScanModule {
  const now = deps.now ?? (() => new Date());
  const runnerDeps: ScanRunnerDeps = {
    context: deps.context,
    directory: deps.directory,
    registries: deps.registries,
    config: deps.config,
    signers: deps.signers,
    // One small read per request, so a policy edit shows at once on every instance.
    staleAfterDays: async () => (await loadCurrentPolicy(deps.context.db)).policy.maxScanAgeDays,
    now,
    logger: deps.logger,
    fetch: deps.fetch ?? globalThis.fetch,
  };
  const runner = createScanRunner(runnerDeps);
  let stopped = false;
  const shouldStop = () => stopped;

  const attestationDeps: AttestationImportDeps = {
    db: deps.context.db,
    directory: deps.directory,
    trust: deps.trust,
    reportLimits: { ...defaultScanReportLimits, maxBytes: deps.config.maxReportBytes },
    maxLayers: maxAttestationLayers,
    maxPlatforms: maxAttestationPlatforms,
    now,
    newId: randomUUID,
    logger: deps.logger.child({ job: 'scan-attestations' }),
  };
  const attestationJob: ScheduledJob = {
    name: 'scan-attestations',
    intervalMs: deps.attestationIntervalSeconds * 1000,
    run: () => refreshAllAttestations(attestationDeps, shouldStop),
  };
  const rescanJob: ScheduledJob | undefined =
    runner === undefined || deps.config.rescanIntervalHours === 0
      ? undefined
      : {
          name: 'scan-rescan',
          intervalMs: deps.config.rescanIntervalHours * 3600 * 1000,
          run: () => rescanLatestVersions(runnerDeps, runner, shouldStop),
        };

  return {
    router: scanRoutes(runnerDeps, runner),
    indicators: new ScanIndicators({ now }),
    attestationJob,
    async checkImageAttestations(image) {
      await importImageAttestations(attestationDeps, image);
    },
    rescanJob,
    stop() {
      stopped = true;
    },
  };
}
