import { scopeGroups, type ExportInput, type ExportSigner } from './signers.ts';

// containers-policy.json(5), read by Podman, CRI-O, Buildah and Skopeo through containers/image. Rules
// from that manual: the most specific scope of a transport wins, and the others are ignored. Every
// requirement in a scope's list must pass. `sigstoreSigned` accepts signatures of its key, and Cosign
// signatures carry only a repository, so `signedIdentity` must be `matchRepository`.

type Requirement = Record<string, unknown>;

export interface ContainersPolicy {
  default: Requirement[];
  transports: { docker: Record<string, Requirement[]> };
}

function keyData(signer: ExportSigner): string {
  return Buffer.from(signer.publicKeyPem ?? '', 'utf8').toString('base64');
}

/**
 * Builds one `sigstoreSigned` requirement that accepts any of the keys. A single key uses `keyData` and
 * several use `keyDatas`, because separate requirements would all have to pass.
 */
function requirementFor(keys: readonly ExportSigner[]): Requirement {
  const data = keys.map(keyData);
  return {
    type: 'sigstoreSigned',
    ...(data.length === 1 ? { keyData: data[0] } : { keyDatas: data }),
    signedIdentity: { type: 'matchRepository' },
  };
}

/**
 * Builds a policy.json that rejects every image by default and accepts, per scope, images signed by one
 * of the approved key signers that count there. The transport's `""` scope lists the unscoped keys for
 * images outside every scope. Identity (keyless) signers are left out: the export is for key signers.
 */
export function buildContainersPolicy(input: ExportInput): ContainersPolicy {
  const docker: Record<string, Requirement[]> = {};
  for (const group of scopeGroups(input.signers, input.signerRule)) {
    const keys = group.signers.filter((signer) => signer.publicKeyPem !== null);
    // A scope without keys is left out, so images in it fall back to the broader scope or the default.
    if (keys.length === 0) continue;
    docker[group.prefix ?? ''] = [requirementFor(keys)];
  }
  return { default: [{ type: 'reject' }], transports: { docker } };
}

export function renderContainersPolicy(input: ExportInput): string {
  return `${JSON.stringify(buildContainersPolicy(input), null, 2)}\n`;
}
