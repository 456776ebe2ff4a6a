import type { ExportFile, ExportFormat, ExportSummary } from '../contract/exports.ts';
import { renderClusterImagePolicies } from './cluster-image-policy.ts';
import { renderContainersPolicy } from './containers-policy.ts';
import { planKyvernoPolicy, renderKyvernoPolicy } from './kyverno.ts';
import type { ExportInput } from './signers.ts';

interface FormatDefinition {
  title: string;
  fileName: string;
  mediaType: string;
  render(input: ExportInput): string;
  notes(input: ExportInput): string[];
  omitted(input: ExportInput): ExportFile['omitted'];
  /** Reason the file cannot be written for these signers, or undefined when it can. */
  unavailable?(input: ExportInput): string | undefined;
}

function hasScopedSigners(input: ExportInput): boolean {
  return input.signerRule === 'approved-in-scope' && input.signers.some((signer) => signer.scope.length > 0);
}

const scanNote =
  'Only signatures are enforced: the scan policy (scan age, failing severities, exceptions) stays in Assay, so check the verdict before you deploy.';

export const exportFormats: Record<ExportFormat, FormatDefinition> = {
  'cluster-image-policy': {
    title: 'Sigstore policy-controller ClusterImagePolicy',
    fileName: 'assay-cluster-image-policies.yaml',
    mediaType: 'application/yaml',
    render: renderClusterImagePolicies,
    notes: (input) => [
      'Apply with kubectl apply -f, and label the namespaces where plugins run with policy.sigstore.dev/include=true.',
      ...(hasScopedSigners(input)
        ? [
            'Signers are scoped, so there is one policy per repository prefix and no catch-all policy: images outside every prefix are decided by the no-match-policy setting of policy-controller (deny by default).',
            'Globs cannot contain "@", so a digest reference of a repository that a scope entry names exactly matches no glob; scope entries that name a namespace cover digest references below them.',
          ]
        : []),
      'Keyless authorities use the public Sigstore Fulcio and Rekor instances; for a private certificate authority add keyless.ca-cert or trustRootRef yourself.',
      scanNote,
    ],
    omitted: () => [],
  },
  kyverno: {
    title: 'Kyverno ClusterPolicy with verifyImages',
    fileName: 'assay-kyverno-verify-images.yaml',
    mediaType: 'application/yaml',
    render: renderKyvernoPolicy,
    notes: () => [
      'Apply with kubectl apply -f. The rules use the verifyImages failureAction field of current Kyverno releases.',
      'Key signatures are accepted without a transparency-log entry, as Assay verifies them; keyless entries are checked against the public Rekor instance.',
      'Kyverno reads "*" and "?" in a keyless subject or issuer as wildcards, so a signer whose SAN or issuer contains them is left out of this file.',
      scanNote,
    ],
    omitted: (input) =>
      planKyvernoPolicy(input).omitted.map(({ signer, reason }) => ({
        signerId: signer.id,
        displayName: signer.displayName,
        reason,
      })),
    unavailable: (input) => planKyvernoPolicy(input).unavailable,
  },
  'containers-policy': {
    title: 'containers-policy.json (Podman, CRI-O, Skopeo)',
    fileName: 'policy.json',
    mediaType: 'application/json',
    render: renderContainersPolicy,
    notes: () => [
      'Install as /etc/containers/policy.json on the hosts that run plugins. Every image not covered by a listed scope is rejected.',
      'Enable use-sigstore-attachments for the registries in containers-registries.d(5), so that Cosign signatures are read.',
      'A scope with several keys uses keyDatas, which needs a containers/image release that supports it; older releases accept one key per requirement.',
      scanNote,
    ],
    omitted: (input) =>
      input.signers
        .filter((signer) => signer.publicKeyPem === null)
        .map((signer) => ({
          signerId: signer.id,
          displayName: signer.displayName,
          reason:
            'This export lists key signers only; keyless identities are enforced by the Kubernetes exports.',
        })),
  },
};

/** Describes the files Assay exports for the current signers and policy. */
export function summariseExports(input: ExportInput): ExportSummary {
  return {
    policyVersion: input.policyVersion,
    signerRule: input.signerRule,
    generatedAt: input.generatedAt,
    signers: input.signers.map((signer) => ({
      id: signer.id,
      displayName: signer.displayName,
      kind: signer.kind,
      scope: signer.scope,
      ...(signer.expiresAt !== null ? { expiresAt: signer.expiresAt } : {}),
    })),
    files: (Object.keys(exportFormats) as ExportFormat[]).map((format) => {
      const definition = exportFormats[format];
      const unavailable = definition.unavailable?.(input);
      return {
        format,
        title: definition.title,
        fileName: definition.fileName,
        mediaType: definition.mediaType,
        notes: definition.notes(input),
        omitted: definition.omitted(input),
        ...(unavailable !== undefined ? { unavailable } : {}),
      };
    }),
  };
}
