import type { ScanReportFormat } from '../../contract/scan.ts';
import type { FindingCollector, ReportWarnings } from './findings.ts';

/** Inputs of a format parser besides the document: the expected digest, the finding collector and the warnings. */
export interface ParseContext {
  digest: string;
  /**
   * Digests a Trivy report's `Metadata.RepoDigests` must name one of, when it lists any; a report that
   * names none of them is rejected. Without it, such a report only gets a warning.
   */
  acceptedDigests?: readonly string[];
  collector: FindingCollector;
  warnings: ReportWarnings;
}

/** Report fields other than the findings, as one format parser read them. */
export interface ReportHeader {
  format: ScanReportFormat;
  scannerName: string;
  scannerVendor?: string;
  scannerVersion?: string;
  databaseVersion?: string;
  generatedAt?: string;
  /** JSON path of the field `generatedAt` was read from, for errors about it. */
  generatedAtPath?: string;
}
