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
  ScanJobDetails,
  ScanJobOutcome,
  ScanJobState,
  ScanJobStore,
  ScanOutcome,
  StartedScan,
} from './scan-coordinator.ts';
export { ScannerError } from './scanner-error.ts';
export type { ScannerErrorKind } from './scanner-error.ts';
export { summariseFindings } from './summary.ts';
export type { AttestationTrust } from './attestations/import.ts';
export { readScanConfig, scanEnvShape } from './config.ts';
export type { ScanConfig } from './config.ts';
export type { ScanReadDeps, SignerLookup } from './deps.ts';
export { hasNoCriticalFindings, ScanIndicators } from './indicators.ts';
export { createScanModule } from './module.ts';
export type { ScanModule, ScanModuleDeps } from './module.ts';
export { currentScanReport, getVersionScan } from './overview.ts';
export { isVerifiedSource, listDigestReports } from './store/current-report.ts';
