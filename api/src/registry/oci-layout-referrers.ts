import { repositoryAnnotation } from './oci-layout-index.ts';
import type { Descriptor, FetchedManifest } from './types.ts';

/** A referrer found in index.json, with the repository its entry names (undefined for none). */
export interface LayoutReferrer {
  repository: string | undefined;
  descriptor: Descriptor;
}

interface ReferrerFields {
  subject?: { digest?: unknown };
  artifactType?: unknown;
  config?: { mediaType?: unknown };
  annotations?: unknown;
}

/**
 * Groups the index.json entries whose manifest has a `subject` by that subject's digest.
 * `read` returns undefined for an entry it cannot read; such an entry is left out.
 */
export async function collectLayoutReferrers(
  entries: readonly Descriptor[],
  read: (entry: Descriptor) => Promise<FetchedManifest | undefined>,
): Promise<Map<string, LayoutReferrer[]>> {
  const bySubject = new Map<string, LayoutReferrer[]>();
  for (const entry of entries) {
    const manifest = await read(entry);
    const json = manifest?.json as ReferrerFields | undefined;
    const subject = json?.subject?.digest;
    if (manifest === undefined || json === undefined || typeof subject !== 'string') continue;

    // Like the referrers API: artifactType, else the config media type, and the manifest's annotations.
    const descriptor: Descriptor = {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.byteLength,
    };
    const artifactType = typeof json.artifactType === 'string' ? json.artifactType : json.config?.mediaType;
    if (typeof artifactType === 'string') descriptor.artifactType = artifactType;
    if (json.annotations !== null && typeof json.annotations === 'object') {
      descriptor.annotations = json.annotations as Record<string, string>;
    }

    const list = bySubject.get(subject) ?? [];
    list.push({ repository: entry.annotations?.[repositoryAnnotation], descriptor });
    bySubject.set(subject, list);
  }
  return bySubject;
}
