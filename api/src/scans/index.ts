export { buildVulnAttestationStatement, parseVulnAttestation } from './attestation.ts';
export type { VulnAttestationStatement, VulnScannerInfo } from './attestation.ts';
export { defaultHarborScannerConfig, HarborScannerClient } from './harbor-client.ts';
export type {
  HarborScannerConfig,
  HarborScannerDeps,
  ReportPoll,
  ScanLogger,
  ScanRequestInput,
} from './harbor-client.ts';
export { chooseReportMimeType, databaseUpdatedAtProperty } from './harbor-metadata.ts';
export type { ScannerMetadata } from './harbor-metadata.ts';
export { harborMimeTypes } from './harbor-mime-types.ts';
export { ScanReportError } from './parsers/errors.ts';
export type { ScanReportErrorKind } from './parsers/errors.ts';
export { defaultScanReportLimits, parseScanReport } from './parsers/parse-scan-report.ts';
export type {
  ParsedScanReport,
  ParseScanReportOptions,
  ScanReportLimits,
} from './parsers/parse-scan-report.ts';
export { createMemoryScanJobStore, ScanCoordinator } from './scan-coordinator.ts';
export type {
  ScanCoordinatorDeps,
  ScanJob,
  ScanJobOutcome,
  ScanJobState,
  ScanJobStore,
  ScanOutcome,
} from './scan-coordinator.ts';
export { ScannerError } from './scanner-error.ts';
export type { ScannerErrorKind } from './scanner-error.ts';
export { summariseFindings } from './summary.ts';
