import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/contract/scan.ts';
import { summariseFindings } from '../../src/scans/summary.ts';

function finding(overrides: Partial<Finding>): Finding {
  return {
    vulnerabilityId: 'CVE-2024-0001',
    aliases: [],
    package: 'openssl',
    installedVersion: '3.1.0',
    severity: 'unknown',
    links: [],
    ...overrides,
  };
}

describe('summariseFindings', () => {
  it('returns zero counts for no findings', () => {
    expect(summariseFindings([])).toEqual({
      total: 0,
      bySeverity: { unknown: 0, negligible: 0, low: 0, medium: 0, high: 0, critical: 0 },
      fixable: 0,
      notFixable: 0,
      fixableBySeverity: { unknown: 0, negligible: 0, low: 0, medium: 0, high: 0, critical: 0 },
    });
  });

  it('counts per severity, fixable findings and the maximum CVSS', () => {
    const summary = summariseFindings([
      finding({ severity: 'critical', fixedVersion: '3.1.1', cvssScore: 9.8 }),
      finding({ severity: 'critical', cvssScore: 9.1 }),
      finding({ severity: 'low', fixedVersion: '3.1.1', cvssScore: 3.1 }),
      finding({ severity: 'unknown' }),
    ]);

    expect(summary.total).toBe(4);
    expect(summary.bySeverity).toEqual({
      unknown: 1,
      negligible: 0,
      low: 1,
      medium: 0,
      high: 0,
      critical: 2,
    });
    expect(summary.fixable).toBe(2);
    expect(summary.notFixable).toBe(2);
    expect(summary.fixableBySeverity.critical).toBe(1);
    expect(summary.fixableBySeverity.low).toBe(1);
    expect(summary.maxCvss).toBe(9.8);
    expect(summary.highestSeverity).toBe('critical');
  });

  it('leaves maxCvss out when no finding has a score', () => {
    const summary = summariseFindings([finding({ severity: 'negligible' })]);

    expect(summary).not.toHaveProperty('maxCvss');
    expect(summary.highestSeverity).toBe('negligible');
  });
});
