import {
  defaultHarborScannerConfig,
  HarborScannerClient,
  type HarborScannerConfig,
  type ScanRequestInput,
} from '../../src/scans/harbor-client.ts';
import { imageDigest } from './fixtures.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn';
  fields: object;
  message: string;
}

/**
 * Creates a client that uses real fetch and a clock that `sleep` advances at once, so polling
 * tests do not wait for `Refresh-After` but still record every requested delay.
 */
export function createTestClient(url: string, config: Partial<HarborScannerConfig> = {}) {
  let clockMs = Date.parse('2024-05-01T10:00:00Z');
  const sleeps: number[] = [];
  const logs: LogEntry[] = [];
  const log = (level: LogEntry['level']) => (fields: object, message: string) =>
    logs.push({ level, fields, message });

  const client = new HarborScannerClient(
    { ...defaultHarborScannerConfig, requestTimeoutMs: 5_000, ...config, url },
    {
      fetch: globalThis.fetch,
      sleep: (ms, signal) => {
        signal?.throwIfAborted();
        sleeps.push(ms);
        clockMs += ms;
        return Promise.resolve();
      },
      now: () => clockMs,
      logger: { debug: log('debug'), info: log('info'), warn: log('warn') },
    },
  );
  return { client, sleeps, logs };
}

export const registryAuthorization = 'Bearer scoped-pull-token-for-wipp-threshold';

export function scanRequest(overrides: Partial<ScanRequestInput['artifact']> = {}): ScanRequestInput {
  return {
    registry: { url: 'http://127.0.0.1:5000', authorization: registryAuthorization },
    artifact: {
      repository: 'wipp/threshold',
      digest: imageDigest,
      mimeType: 'application/vnd.oci.image.manifest.v1+json',
      ...overrides,
    },
  };
}
