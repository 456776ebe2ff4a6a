import { createHash } from 'node:crypto';

export const ociManifestMediaType = 'application/vnd.oci.image.manifest.v1+json';
export const ociIndexMediaType = 'application/vnd.oci.image.index.v1+json';
export const ociEmptyMediaType = 'application/vnd.oci.empty.v1+json';
export const simpleSigningMediaType = 'application/vnd.dev.cosign.simplesigning.v1+json';

/** A blob to upload, with its digest. */
export interface Blob {
  digest: string;
  bytes: Uint8Array;
}

/** A manifest to upload: its exact bytes, digest and media type, and the blobs it references. */
export interface BuiltManifest {
  mediaType: string;
  bytes: Uint8Array;
  digest: string;
  blobs: Blob[];
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function blobOf(bytes: Uint8Array): Blob {
  return { digest: sha256Digest(bytes), bytes };
}

/** The OCI empty descriptor's blob, `{}`, used as the config of artifacts. */
export const emptyConfig = blobOf(new TextEncoder().encode('{}'));

function manifestOf(mediaType: string, body: unknown, blobs: Blob[]): BuiltManifest {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return { mediaType, bytes, digest: sha256Digest(bytes), blobs };
}

/** One layer of a `.sig` manifest: the payload blob and the annotations of its descriptor. */
export interface SignatureLayer {
  payload: Uint8Array;
  annotations: Record<string, string>;
  mediaType?: string;
}

/**
 * Builds the manifest cosign pushes to `sha256-<hex>.sig`: an empty config and one layer per signature,
 * the signature material in the layer descriptor's annotations. Layers with the same payload share a blob.
 */
export function buildSignatureManifest(layers: SignatureLayer[]): BuiltManifest {
  const blobs = new Map<string, Blob>();
  const descriptors = layers.map((layer) => {
    const blob = blobOf(layer.payload);
    blobs.set(blob.digest, blob);
    return {
      mediaType: layer.mediaType ?? simpleSigningMediaType,
      digest: blob.digest,
      size: blob.bytes.length,
      annotations: layer.annotations,
    };
  });
  return manifestOf(
    ociManifestMediaType,
    {
      schemaVersion: 2,
      mediaType: ociManifestMediaType,
      config: { mediaType: ociEmptyMediaType, digest: emptyConfig.digest, size: emptyConfig.bytes.length },
      layers: descriptors,
    },
    [emptyConfig, ...blobs.values()],
  );
}

/** Builds a small single-platform image: a config and one layer of the given content. */
export function buildImage(platform: { os: string; architecture: string }, content: string): BuiltManifest {
  const config = blobOf(
    new TextEncoder().encode(
      JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [] }, config: {} }),
    ),
  );
  const layer = blobOf(new TextEncoder().encode(content));
  return manifestOf(
    ociManifestMediaType,
    {
      schemaVersion: 2,
      mediaType: ociManifestMediaType,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: config.digest,
        size: config.bytes.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar',
          digest: layer.digest,
          size: layer.bytes.length,
        },
      ],
    },
    [config, layer],
  );
}

/** Builds an OCI index over platform manifests. */
export function buildIndex(
  platforms: { manifest: BuiltManifest; os: string; architecture: string }[],
): BuiltManifest {
  return manifestOf(
    ociIndexMediaType,
    {
      schemaVersion: 2,
      mediaType: ociIndexMediaType,
      manifests: platforms.map(({ manifest, os, architecture }) => ({
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.bytes.length,
        platform: { os, architecture },
      })),
    },
    [],
  );
}

/**
 * Builds a Sigstore bundle referrer manifest (OCI 1.1 artifact) with `subject` set to the signed image,
 * annotated the way cosign v3 annotates image signatures.
 */
export function buildBundleReferrer(
  subject: BuiltManifest,
  bundle: Uint8Array,
  bundleMediaType: string,
  predicateType: string,
): BuiltManifest {
  const blob = blobOf(bundle);
  return manifestOf(
    ociManifestMediaType,
    {
      schemaVersion: 2,
      mediaType: ociManifestMediaType,
      artifactType: bundleMediaType,
      config: { mediaType: ociEmptyMediaType, digest: emptyConfig.digest, size: emptyConfig.bytes.length },
      layers: [{ mediaType: bundleMediaType, digest: blob.digest, size: blob.bytes.length }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.length },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': predicateType,
      },
    },
    [emptyConfig, blob],
  );
}

/**
 * Builds the referrers index that OCI 1.1 clients push to the `sha256-<hex>` tag for registries without
 * the referrers API: one descriptor per referrer, carrying its artifactType and annotations.
 */
export function buildReferrersIndex(referrers: BuiltManifest[]): BuiltManifest {
  return manifestOf(
    ociIndexMediaType,
    {
      schemaVersion: 2,
      mediaType: ociIndexMediaType,
      manifests: referrers.map((referrer) => {
        const body = JSON.parse(new TextDecoder().decode(referrer.bytes)) as {
          artifactType?: string;
          annotations?: Record<string, string>;
        };
        return {
          mediaType: referrer.mediaType,
          digest: referrer.digest,
          size: referrer.bytes.length,
          artifactType: body.artifactType,
          annotations: body.annotations,
        };
      }),
    },
    [],
  );
}
