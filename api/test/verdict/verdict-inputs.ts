import type { TrustPolicy } from '../../src/contract/policy.ts';
import type { SignerFacts } from '../../src/signers/evaluate.ts';
import { defaultTrustPolicy } from '../../src/policy/defaults.ts';
import type {
  VerdictFinding,
  VerdictInputs,
  VerdictScan,
  VerdictSignature,
  VersionedPolicy,
} from '../../src/verdict/inputs.ts';

// Builders for the verdict's inputs: each case starts from a trusted image and changes one thing.

export const now = new Date('2026-03-10T12:00:00Z');
export const digest = `sha256:${'a'.repeat(64)}`;
export const otherDigest = `sha256:${'b'.repeat(64)}`;
const dayMs = 24 * 60 * 60 * 1000;

export function daysAgo(days: number): string {
  return new Date(now.getTime() - days * dayMs).toISOString();
}

export function daysAhead(days: number): string {
  return new Date(now.getTime() + days * dayMs).toISOString();
}

export function signer(overrides: Partial<SignerFacts> = {}): SignerFacts {
  return {
    id: 'signer-release',
    displayName: 'PolusAI release key',
    kind: 'key',
    status: 'approved',
    scope: ['docker.io/polusai'],
    expiresAt: null,
    statusReason: null,
    ...overrides,
  };
}

let signatureCounter = 0;

export function signature(overrides: Partial<VerdictSignature> = {}): VerdictSignature {
  signatureCounter += 1;
  return {
    id: `signature-${signatureCounter}`,
    status: 'valid',
    reason: 'ok',
    reasonText: 'The signature is valid.',
    signerRef: 'fingerprint-release',
    signer: signer(),
    ...overrides,
  };
}

export function finding(overrides: Partial<VerdictFinding> = {}): VerdictFinding {
  return {
    vulnerabilityId: 'CVE-2024-3094',
    aliases: [],
    package: 'xz-utils',
    severity: 'critical',
    fixable: true,
    ...overrides,
  };
}

export function scan(overrides: Partial<VerdictScan> = {}): VerdictScan {
  return {
    reportId: 'report-1',
    source: 'scanner-api',
    scannerName: 'Trivy',
    scannerVersion: '0.50.1',
    generatedAt: daysAgo(2),
    verified: true,
    verificationText: null,
    findings: [],
    ...overrides,
  };
}

export interface InputChanges {
  image?: Partial<VerdictInputs['image']>;
  signatures?: Partial<VerdictInputs['signatures']>;
  scan?: VerdictScan | undefined;
}

/** A version of `polusai/apply-flatfield-tool`, signed by its approved release key and freshly scanned. */
export function inputs(changes: InputChanges = {}): VerdictInputs {
  return {
    plugin: 'apply-flatfield',
    version: '2.0.1',
    image: {
      registry: 'docker.io',
      repository: 'polusai/apply-flatfield-tool',
      tag: '2.0.1',
      status: 'resolved',
      error: null,
      registeredDigest: digest,
      currentDigest: digest,
      ...changes.image,
    },
    signatures: { checked: true, error: null, entries: [signature()], ...changes.signatures },
    scan: 'scan' in changes ? changes.scan : scan(),
  };
}

export function policy(changes: Partial<TrustPolicy> = {}, version = 1): VersionedPolicy {
  return { version, policy: { ...defaultTrustPolicy, ...changes } };
}
