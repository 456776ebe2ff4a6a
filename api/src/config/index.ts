import path from 'node:path';
import { z } from 'zod';
import { accountsEnvShape, readAccountsConfig, type AccountsConfig } from '../accounts/config.ts';
import { httpRegistryConfigSchema, type HttpRegistryConfig } from '../registry/http-config.ts';
import { readSignatureConfig, signatureEnvShape, type SignatureConfig } from '../signers/config.ts';
import { readScanConfig, scanEnvShape, type ScanConfig } from '../scans/config.ts';

const registriesSchema = z.preprocess((value, context) => {
  if (value === undefined || value === '') return [];
  try {
    return JSON.parse(String(value));
  } catch {
    context.addIssue({
      code: 'custom',
      message: 'must be a JSON array of {host, url, username?, password?, ...}',
    });
    return z.NEVER;
  }
}, z.array(httpRegistryConfigSchema));

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const seconds = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1)
    .default(fallback);

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(0)
    .max(65535, 'must be 0-65535')
    .default(8080),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://assay.example.org' }).optional(),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL; leave it unset to use SQLite in DATA_DIR')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ASSAY_REGISTRIES: registriesSchema,
  ASSAY_DEMO: booleanFlag.optional(),
  ASSAY_MANIFEST_DIR: z.string().optional(),
  ASSAY_TAG_TTL_SECONDS: seconds(300),
  ASSAY_REFRESH_INTERVAL_SECONDS: seconds(600),
  ASSAY_WEB_DIR: z.string().optional(),
  ASSAY_MANIFEST_URL_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter((host) => host !== ''),
    ),
  ...accountsEnvShape,
  ...signatureEnvShape,
  ...scanEnvShape,
});

export interface Config {
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  database: { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  registries: HttpRegistryConfig[];
  /** True when no registry is configured or ASSAY_DEMO=true: serve the demo OCI layout. */
  demo: boolean;
  manifestDir: string | undefined;
  tagTtlSeconds: number;
  refreshIntervalSeconds: number;
  webDir: string;
  /** Hosts an admin may import manifests from by URL (`host` or `host:port`); empty disables URL imports. */
  manifestUrlHosts: string[];
  accounts: AccountsConfig;
  signatures: SignatureConfig;
  scans: ScanConfig;
}

/** Thrown with every invalid or missing setting listed at once. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

/** Reads and validates the configuration from environment variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const accounts = readAccountsConfig(values, values.PUBLIC_URL);
  if (accounts.problems.length > 0) throw new ConfigError(accounts.problems);
  const dataDir = path.resolve(values.DATA_DIR);
  const demo = values.ASSAY_DEMO ?? values.ASSAY_REGISTRIES.length === 0;
  return {
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL,
    dataDir,
    database: values.DATABASE_URL
      ? { engine: 'postgres', url: values.DATABASE_URL }
      : { engine: 'sqlite', file: path.join(dataDir, 'assay.sqlite') },
    logLevel: values.LOG_LEVEL,
    registries: values.ASSAY_REGISTRIES,
    demo,
    manifestDir: values.ASSAY_MANIFEST_DIR
      ? path.resolve(values.ASSAY_MANIFEST_DIR)
      : demo
        ? path.join(repositoryRoot, 'api/test/fixtures/wipp-manifests')
        : undefined,
    tagTtlSeconds: values.ASSAY_TAG_TTL_SECONDS,
    refreshIntervalSeconds: values.ASSAY_REFRESH_INTERVAL_SECONDS,
    webDir: path.resolve(values.ASSAY_WEB_DIR ?? path.join(repositoryRoot, 'web/dist')),
    manifestUrlHosts: values.ASSAY_MANIFEST_URL_HOSTS,
    accounts: accounts.config,
    signatures: readSignatureConfig(values),
    scans: readScanConfig(values),
  };
}
