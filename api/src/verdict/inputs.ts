import type { ResolutionStatus } from '../contract/image.ts';
import type { TrustPolicy } from '../contract/policy.ts';
import type { ScanSource, Severity } from '../contract/scan.ts';
import type { SignatureReason, SignatureStatus } from '../contract/signature.ts';
import type { SignerFacts } from '../signers/evaluate.ts';

/** One stored signature check on the judged digest itself (not on a platform manifest or index). */
export interface VerdictSignature {
  /** Id of the signature result, for the evidence link. */
  id: string;
  status: SignatureStatus;
  reason: SignatureReason;
  reasonText: string;
  signerRef: string | null;
  /** The signer record that `signerRef` names, when one exists. */
  signer: SignerFacts | undefined;
}

/** A finding of the judged report that the policy's severity filter selected. */
export interface VerdictFinding {
  vulnerabilityId: string;
  aliases: string[];
  package: string;
  severity: Severity;
  fixable: boolean;
}

/** The report a version shows (the scans module's current report of the digest). */
export interface VerdictScan {
  reportId: string;
  source: ScanSource;
  scannerName: string;
  scannerVersion: string | null;
  /** Null when the report does not say when the scan ran. */
  generatedAt: string | null;
  /** False for an attestation whose signature did not verify. */
  verified: boolean;
  /** Reason an attestation's signature did not verify. */
  verificationText: string | null;
  /** For an attestation: its signer reference and record, which must be approved for it to count. */
  signerRef?: string | null;
  signer?: SignerFacts | undefined;
  /**
   * Findings of the policy's failing severities, and only those with a fix when the policy counts only
   * those. Other findings cannot change the verdict, so they are not loaded.
   */
  findings: VerdictFinding[];
}

/** Everything the verdict of one plugin version depends on, read at one moment. */
export interface VerdictInputs {
  plugin: string;
  version: string;
  image: {
    registry: string;
    repository: string;
    /** The tag the manifest names, when it names one. */
    tag: string | undefined;
    status: ResolutionStatus;
    error: string | null;
    registeredDigest: string | null;
    currentDigest: string | null;
  };
  signatures: {
    /** True when a signature lookup covered the judged digest. */
    checked: boolean;
    /** Error of the last lookup, when it failed. */
    error: string | null;
    entries: VerdictSignature[];
  };
  /** Undefined when no report exists for the judged digest. */
  scan: VerdictScan | undefined;
}

/** A policy version: its number and its document. */
export interface VersionedPolicy {
  version: number;
  policy: TrustPolicy;
}
