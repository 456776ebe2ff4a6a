import { severities, type Finding, type Severity, type ScanSummary } from '../contract/scan.ts';

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(severities.map((severity) => [severity, 0])) as Record<Severity, number>;
}

/** Counts findings per severity, with and without a fixed version, and finds the highest CVSS score and severity. */
export function summariseFindings(findings: readonly Finding[]): ScanSummary {
  const bySeverity = zeroCounts();
  const fixableBySeverity = zeroCounts();
  let fixable = 0;
  let maxCvss: number | undefined;
  let highestRank = -1;

  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    if (finding.fixedVersion !== undefined) {
      fixable += 1;
      fixableBySeverity[finding.severity] += 1;
    }
    if (finding.cvssScore !== undefined && (maxCvss === undefined || finding.cvssScore > maxCvss)) {
      maxCvss = finding.cvssScore;
    }
    highestRank = Math.max(highestRank, severities.indexOf(finding.severity));
  }

  const summary: ScanSummary = {
    total: findings.length,
    bySeverity,
    fixable,
    notFixable: findings.length - fixable,
    fixableBySeverity,
  };
  if (maxCvss !== undefined) summary.maxCvss = maxCvss;
  const highestSeverity = severities[highestRank];
  if (highestSeverity !== undefined) summary.highestSeverity = highestSeverity;
  return summary;
}
