import { z } from 'zod';
import { defaultScanReportLimits } from './parsers/parse-scan-report.ts';

const mebibyte = 1024 * 1024;

const wholeNumber = (fallback: number, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be ${min}-${max} ${unit}`)
    .max(max, `must be ${min}-${max} ${unit}`)
    .default(fallback);

/** Environment variables of vulnerability scanning, merged into the configuration schema. */
export const scanEnvShape = {
  ASSAY_SCANNER_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be the http or https base URL of a Harbor-API scanner adapter',
    })
    .optional(),
  ASSAY_SCANNER_AUTH: z
    .string()
    .regex(/^(Bearer|Basic) \S+$/, 'must be an Authorization value: "Bearer <token>" or "Basic <base64>"')
    .optional(),
  // Replaced by the trust policy's maximum scan age, so the scan panel and the verdict cannot disagree.
  ASSAY_SCAN_STALE_DAYS: z
    .undefined({
      error:
        'is no longer read: a scan is stale when it is older than the trust policy allows; an administrator sets "maximum scan age" on the Policy page',
    })
    .optional(),
  // The default bounds the memory of one parse while leaving room for images with thousands of findings.
  ASSAY_SCAN_MAX_REPORT_BYTES: wholeNumber(defaultScanReportLimits.maxBytes, 1024, 1024 * mebibyte, 'bytes'),
  ASSAY_RESCAN_INTERVAL_HOURS: wholeNumber(24, 0, 24 * 365, 'hours'),
};

type ScanEnv = { [Key in keyof typeof scanEnvShape]: z.output<(typeof scanEnvShape)[Key]> };

export interface ScanConfig {
  /** Base URL of the Harbor pluggable scanner adapter; rescans are unavailable without it. */
  scannerUrl: string | undefined;
  /** `Authorization` value sent to the scanner adapter itself, never logged. */
  scannerAuthorization: string | undefined;
  /** Largest report accepted from a scanner, an attestation or an upload. */
  maxReportBytes: number;
  /** Hours between scheduled rescans of every plugin's newest version; 0 turns them off. */
  rescanIntervalHours: number;
}

export function readScanConfig(values: Partial<ScanEnv>): ScanConfig {
  return {
    scannerUrl: values.ASSAY_SCANNER_URL,
    scannerAuthorization: values.ASSAY_SCANNER_AUTH,
    maxReportBytes: values.ASSAY_SCAN_MAX_REPORT_BYTES ?? defaultScanReportLimits.maxBytes,
    rescanIntervalHours: values.ASSAY_RESCAN_INTERVAL_HOURS ?? 24,
  };
}
