/** Media types of the Harbor pluggable scanner API v1.1. */
export const harborMimeTypes = {
  metadata: 'application/vnd.scanner.adapter.metadata+json; version=1.0',
  scanRequest: 'application/vnd.scanner.adapter.scan.request+json; version=1.0',
  scanResponse: 'application/vnd.scanner.adapter.scan.response+json; version=1.0',
  error: 'application/vnd.scanner.adapter.error+json; version=1.0',
  /** Vulnerability report, version 1.1 of the report format. */
  reportV11: 'application/vnd.security.vulnerability.report; version=1.1',
  /** Vulnerability report, version 1.0 of the report format (older adapters). */
  reportV10: 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
  /** Scanner-specific raw report, a string in the specification, which Assay cannot read. */
  reportRaw: 'application/vnd.scanner.adapter.vuln.report.raw',
} as const;

/** The report media types Assay can parse, preferred first. */
export const readableReportMimeTypes = [harborMimeTypes.reportV11, harborMimeTypes.reportV10] as const;

/** Lower-cases a media type and removes blanks, so `a/b;version=1.1` matches `a/b; version=1.1`. */
export function normaliseMimeType(mimeType: string): string {
  return mimeType.toLowerCase().replace(/\s+/g, '');
}
