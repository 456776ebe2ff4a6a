import type { VerdictEvidence } from '../contract/verdict.ts';

// Evidence links are paths of the web app, so a reason in the API and the badge on the page point to
// the same place. The plugin page's panels carry these fragment ids.

function versionPath(plugin: string, version: string): string {
  return `/plugins/${encodeURIComponent(plugin)}/versions/${encodeURIComponent(version)}`;
}

export function imageEvidence(plugin: string, version: string, id: string): VerdictEvidence {
  return { kind: 'image', href: `${versionPath(plugin, version)}#image`, id };
}

export function signatureEvidence(plugin: string, version: string, signatureId: string): VerdictEvidence {
  return {
    kind: 'signature',
    href: `${versionPath(plugin, version)}#signature-${signatureId}`,
    id: signatureId,
  };
}

/** The signature list of a version, for reasons about the absence of signatures. */
export function signatureListEvidence(plugin: string, version: string, digest: string): VerdictEvidence {
  return { kind: 'signature', href: `${versionPath(plugin, version)}#signatures`, id: digest };
}

export function signerEvidence(signerId: string): VerdictEvidence {
  return { kind: 'signer', href: `/signers/${encodeURIComponent(signerId)}`, id: signerId };
}

export function scanEvidence(plugin: string, version: string, id: string): VerdictEvidence {
  return { kind: 'scan', href: `${versionPath(plugin, version)}#vulnerabilities`, id };
}

export function policyEvidence(policyVersion: number): VerdictEvidence {
  return { kind: 'policy', href: `/policy?version=${policyVersion}`, id: String(policyVersion) };
}

export function exceptionEvidence(policyVersion: number, vulnerabilityId: string): VerdictEvidence {
  return {
    kind: 'exception',
    href: `/policy?version=${policyVersion}#exception-${encodeURIComponent(vulnerabilityId)}`,
    id: vulnerabilityId,
  };
}
