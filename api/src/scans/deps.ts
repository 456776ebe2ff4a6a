import type { DatabaseContext } from '../db/engine.ts';
import type { HttpRegistryConfig } from '../registry/http-config.ts';
import type { RegistryDirectory } from '../registry/directory.ts';
import type { ScanConfig } from './config.ts';

import type { SignerFacts } from '../signers/evaluate.ts';

/** Returns the signer records by signer reference (a key fingerprint, or `san|issuer`). */
export type SignerLookup = () => Promise<ReadonlyMap<string, SignerFacts>>;

/** Returns the trust policy's maximum scan age in days: older reports are shown as stale. */
export type StaleAge = () => Promise<number>;

/** What the scan read paths need: the database, the registries, the settings and the clock. */
export interface ScanReadDeps {
  context: DatabaseContext;
  directory: RegistryDirectory;
  registries: readonly HttpRegistryConfig[];
  config: ScanConfig;
  signers: SignerLookup;
  staleAfterDays: StaleAge;
  now: () => Date;
}
