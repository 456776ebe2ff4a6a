import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CosignLayerCandidate } from '../../src/signatures/index.ts';

/** Folder of the containers/image signature fixtures copied into this repository. */
export const vectorsDir = fileURLToPath(new URL('../fixtures/signatures/containers-image/', import.meta.url));
export const rekorPublicGoodKeyPath = fileURLToPath(
  new URL('../fixtures/signatures/rekor-public-good.pub', import.meta.url),
);

/** The containers/image on-disk signature format: this prefix, then JSON {mimeType, payload, annotations}. */
const sigstoreJsonPrefix = '\0sigstore-json\n';

export function readVectorFile(name: string): Promise<string> {
  return readFile(`${vectorsDir}${name}`, 'utf8');
}

/** Decodes one `signature-N` file into the `.sig` layer it stands for. */
export function candidateFromSignatureFile(
  bytes: Uint8Array,
  digest: string,
  layerIndex = 0,
): CosignLayerCandidate {
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.startsWith(sigstoreJsonPrefix))
    throw new Error('signature file lacks the \\0sigstore-json\\n prefix');
  const parsed = JSON.parse(text.slice(sigstoreJsonPrefix.length)) as {
    mimeType: string;
    payload: string;
    annotations: Record<string, string>;
  };
  const payload = new Uint8Array(Buffer.from(parsed.payload, 'base64'));
  return {
    format: 'cosign-layer',
    digest,
    location: { layerIndex, layerDigest: `sha256:${createHash('sha256').update(payload).digest('hex')}` },
    mediaType: parsed.mimeType,
    payload,
    annotations: parsed.annotations,
  };
}

/** Computes the image digest of a vector: the SHA-256 of its `manifest.json`. */
export async function vectorDigest(vector: string): Promise<string> {
  const manifest = await readFile(`${vectorsDir}${vector}/manifest.json`);
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

/** Loads every `signature-N` of a vector as candidates for the vector's image digest, in file order. */
export async function vectorCandidates(vector: string, digest?: string): Promise<CosignLayerCandidate[]> {
  const imageDigest = digest ?? (await vectorDigest(vector));
  const names = (await readdir(`${vectorsDir}${vector}`))
    .filter((name) => name.startsWith('signature-'))
    .sort();
  return Promise.all(
    names.map(async (name, index) =>
      candidateFromSignatureFile(await readFile(`${vectorsDir}${vector}/${name}`), imageDigest, index),
    ),
  );
}
