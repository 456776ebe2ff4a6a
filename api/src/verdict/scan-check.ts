import { normaliseVulnerabilityId, type PolicyException } from '../contract/policy.ts';
import type { VerdictReason, VerdictScanStatus } from '../contract/verdict.ts';
import { scopeCovers, trustStateOf } from '../signers/evaluate.ts';
import { exceptionEvidence, scanEvidence } from './evidence.ts';
import type { VerdictFinding, VerdictInputs, VerdictScan, VersionedPolicy } from './inputs.ts';
import { daysToMs, describeFailingFindings, formatDate, joinWords, plural, wholeDays } from './wording.ts';

export interface ScanOutcome {
  status: VerdictScanStatus;
  /** True when a usable scan is fresh enough and no finding fails the policy. */
  passes: boolean;
  reasons: VerdictReason[];
  /** Instants (ms) at which the outcome changes by itself: the scan ageing out, an exception expiring. */
  boundaries: number[];
}

// Examples named in the "findings fail" sentence; the scan panel lists the rest.
const maxNamedFindings = 3;

function scannerLabel(scan: VerdictScan): string {
  return scan.scannerVersion ? `${scan.scannerName} ${scan.scannerVersion}` : scan.scannerName;
}

/** Finds the exception that covers a finding in this repository, by its id or one of its aliases. */
function exceptionFor(
  finding: VerdictFinding,
  exceptions: readonly PolicyException[],
  repository: string,
): PolicyException | undefined {
  const ids = new Set([finding.vulnerabilityId, ...finding.aliases].map(normaliseVulnerabilityId));
  return exceptions.find(
    (exception) =>
      ids.has(exception.vulnerabilityId) &&
      (exception.repositories.length === 0 || scopeCovers(exception.repositories, repository)),
  );
}

function packagesOf(findings: readonly VerdictFinding[]): string {
  return joinWords([...new Set(findings.map((finding) => finding.package))]);
}

function failingSentence(failing: readonly VerdictFinding[], description: string): string {
  const named: string[] = [];
  for (const finding of failing) {
    const text = `${finding.vulnerabilityId} (${finding.severity}) in ${finding.package}`;
    if (!named.includes(text)) named.push(text);
    if (named.length === maxNamedFindings) break;
  }
  const rest = failing.length - named.length;
  const list = rest > 0 ? `${named.join(', ')} and ${plural(rest, 'more')}` : joinWords(named);
  const verb = failing.length === 1 ? 'fails' : 'fail';
  return `${plural(failing.length, 'finding')} ${verb} the policy, which counts ${description}: ${list}.`;
}

interface FindingsOutcome {
  failing: VerdictFinding[];
  reasons: VerdictReason[];
  acceptedCount: number;
}

/** Applies the severity filter and the exceptions to the findings of a usable report. */
function checkFindings(
  inputs: VerdictInputs,
  scan: VerdictScan,
  policy: VersionedPolicy,
  now: Date,
  boundaries: number[],
): FindingsOutcome {
  const { failSeverities, fixableOnly, exceptions } = policy.policy;
  const repository = `${inputs.image.registry}/${inputs.image.repository}`;
  const candidates = scan.findings.filter(
    (finding) => failSeverities.includes(finding.severity) && (!fixableOnly || finding.fixable),
  );

  const failing: VerdictFinding[] = [];
  const accepted = new Map<PolicyException, VerdictFinding[]>();
  const expired = new Map<PolicyException, VerdictFinding[]>();
  for (const finding of candidates) {
    const exception = exceptionFor(finding, exceptions, repository);
    if (exception === undefined) {
      failing.push(finding);
      continue;
    }
    const expiry = Date.parse(exception.expiresAt);
    if (expiry > now.getTime()) {
      accepted.set(exception, [...(accepted.get(exception) ?? []), finding]);
      boundaries.push(expiry);
    } else {
      expired.set(exception, [...(expired.get(exception) ?? []), finding]);
      failing.push(finding);
    }
  }

  const reasons: VerdictReason[] = [];
  let acceptedCount = 0;
  for (const [exception, findings] of accepted) {
    acceptedCount += findings.length;
    const verb = findings.length === 1 ? 'is' : 'are';
    const by = exception.addedBy === null ? '' : ` (added by ${exception.addedBy})`;
    reasons.push({
      code: 'exception-applied',
      severity: 'info',
      message: `${plural(findings.length, 'finding')} of ${exception.vulnerabilityId} in ${packagesOf(findings)} ${verb} accepted by an exception until ${formatDate(exception.expiresAt)}${by}: ${exception.justification}`,
      evidence: exceptionEvidence(policy.version, exception.vulnerabilityId),
    });
  }
  for (const [exception, findings] of expired) {
    reasons.push({
      code: 'exception-expired',
      severity: 'info',
      message: `The exception for ${exception.vulnerabilityId} expired on ${formatDate(exception.expiresAt)}, so its ${plural(findings.length, 'finding')} in ${packagesOf(findings)} count again.`,
      evidence: exceptionEvidence(policy.version, exception.vulnerabilityId),
    });
  }
  if (failing.length > 0) {
    reasons.push({
      code: 'findings-fail-policy',
      severity: 'warning',
      message: failingSentence(failing, describeFailingFindings(failSeverities, fixableOnly)),
      evidence: scanEvidence(inputs.plugin, inputs.version, scan.reportId),
    });
  }
  return { failing, reasons, acceptedCount };
}

function passedSentence(
  scan: VerdictScan,
  ageDays: number,
  policy: VersionedPolicy,
  acceptedCount: number,
): string {
  const when = ageDays === 0 ? 'today' : `${plural(ageDays, 'day')} ago`;
  const { failSeverities, fixableOnly } = policy.policy;
  const findings =
    failSeverities.length === 0
      ? 'and the policy counts no finding against it'
      : `with no ${describeFailingFindings(failSeverities, fixableOnly)}`;
  const accepted = acceptedCount > 0 ? ` other than the ${plural(acceptedCount, 'accepted finding')}` : '';
  return `Scanned ${when} by ${scannerLabel(scan)}, ${findings}${accepted}.`;
}

/** Builds the outcome of a scan that does not count, which sets no time boundary. */
function unverifiedScan(message: string, evidence: VerdictReason['evidence']): ScanOutcome {
  return {
    status: 'unverified',
    passes: false,
    boundaries: [],
    reasons: [{ code: 'scan-unverified', severity: 'warning', message, evidence }],
  };
}

/**
 * Judges the digest's current scan report: it must exist, come from a source Assay can vouch for, be
 * younger than the policy's maximum age, and list no failing finding that an unexpired exception does
 * not accept. Every exception that applies is listed, never silently applied.
 */
export function checkScan(
  inputs: VerdictInputs,
  digest: string,
  policy: VersionedPolicy,
  now: Date,
): ScanOutcome {
  const { scan } = inputs;
  const maxDays = policy.policy.maxScanAgeDays;
  const boundaries: number[] = [];

  if (scan === undefined) {
    return {
      status: 'missing',
      passes: false,
      boundaries,
      reasons: [
        {
          code: 'scan-missing',
          severity: 'warning',
          message: `No vulnerability scan exists for this image; the policy needs one younger than ${plural(maxDays, 'day')}.`,
          evidence: scanEvidence(inputs.plugin, inputs.version, digest),
        },
      ],
    };
  }
  const evidence = scanEvidence(inputs.plugin, inputs.version, scan.reportId);
  if (!scan.verified) {
    const detail = scan.verificationText ? `: ${scan.verificationText.replace(/\.$/, '')}` : '';
    return unverifiedScan(
      `The only scan is a vulnerability attestation whose signature did not verify${detail}. It does not count.`,
      evidence,
    );
  }

  if (scan.source === 'attestation') {
    // A valid signature counts only when its signer is approved for this repository, as for image signatures.
    const repository = `${inputs.image.registry}/${inputs.image.repository}`;
    const trust = trustStateOf({ status: 'valid', reason: 'ok' }, scan.signer, repository, now);
    if (trust.state !== 'approved') {
      return unverifiedScan(
        `The only scan is a vulnerability attestation that no approved signer vouches for: ${trust.text.replace(/\.$/, '')}. It does not count.`,
        evidence,
      );
    }
    const expiry = scan.signer?.expiresAt ? Date.parse(scan.signer.expiresAt) : undefined;
    if (expiry !== undefined && expiry > now.getTime()) boundaries.push(expiry);
  }

  const reasons: VerdictReason[] = [];
  let status: VerdictScanStatus = 'fresh';
  let ageDays = 0;
  if (scan.generatedAt === null) {
    status = 'age-unknown';
    reasons.push({
      code: 'scan-age-unknown',
      severity: 'warning',
      message: `The scan by ${scannerLabel(scan)} does not say when it ran, so the ${maxDays}-day age limit cannot be checked.`,
      evidence,
    });
  } else {
    const generated = Date.parse(scan.generatedAt);
    const ageOut = generated + daysToMs(maxDays);
    ageDays = wholeDays(generated, now.getTime());
    if (now.getTime() > ageOut) {
      status = 'stale';
      reasons.push({
        code: 'scan-stale',
        severity: 'warning',
        message: `The scan by ${scannerLabel(scan)} ran ${plural(ageDays, 'day')} ago, on ${formatDate(scan.generatedAt)}; the policy accepts scans up to ${plural(maxDays, 'day')} old.`,
        evidence,
      });
    } else {
      boundaries.push(ageOut + 1);
    }
  }

  const findings = checkFindings(inputs, scan, policy, now, boundaries);
  reasons.push(...findings.reasons);
  const passes = status === 'fresh' && findings.failing.length === 0;
  if (passes) {
    reasons.push({
      code: 'scan-passed',
      severity: 'pass',
      message: passedSentence(scan, ageDays, policy, findings.acceptedCount),
      evidence,
    });
  }
  return { status, passes, reasons, boundaries };
}
