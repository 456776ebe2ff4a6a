import type { TrustPolicy } from '../contract/policy.ts';

/**
 * The policy a new installation starts with (version 1): approved signers within their scope, a scan
 * younger than 7 days, and no critical finding that has a fix.
 */
export const defaultTrustPolicy: TrustPolicy = {
  signerRule: 'approved-in-scope',
  maxScanAgeDays: 7,
  failSeverities: ['critical'],
  fixableOnly: true,
  exceptions: [],
};
