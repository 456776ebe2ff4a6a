/** OCI and Docker media types that the registry client requests and understands. */
export const mediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
} as const;

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
  platform?: { os: string; architecture: string; variant?: string };
}

/** A manifest as fetched: its verified digest, media type and exact bytes. */
export interface FetchedManifest {
  digest: string;
  mediaType: string;
  bytes: Uint8Array;
  /** The parsed JSON body. */
  json: unknown;
}

/** Digest and media type of what a reference points to, without the body. */
export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

/** A page-bounded tag listing; `truncated` when the page bound stopped it. */
export interface TagList {
  tags: string[];
  truncated: boolean;
}

/** A bounded referrer listing; `truncated` when more referrers exist than the bound allows. */
export interface ReferrerList {
  referrers: Descriptor[];
  truncated: boolean;
}

/** A tag, a digest, or the descriptor of a manifest (digest and size). */
export type ManifestReference = string | Pick<Descriptor, 'digest' | 'size'>;

/**
 * Read-only access to one registry: the HTTP Distribution API client or an OCI image layout
 * directory. Catalog, signature and scan logic use only this interface.
 * `reference` is a tag or a `sha256:` digest. Errors are {@link RegistryError}.
 */
export interface RegistrySource {
  /** Registry host as written in image references (for example `ghcr.io`, `localhost:5000`). */
  readonly host: string;
  /** Which implementation serves it: the Distribution API over HTTP, or an OCI image layout folder. */
  readonly kind: 'http' | 'oci-layout';
  ping(signal?: AbortSignal): Promise<void>;
  listTags(repository: string, signal?: AbortSignal): Promise<TagList>;
  /** Resolves a reference without downloading the body when the source allows it (HTTP `HEAD`). */
  headManifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestHead>;
  /**
   * Fetches and verifies a manifest. A descriptor reference has its size checked against the configured
   * bound before the download and against the body after it.
   */
  getManifest(
    repository: string,
    reference: ManifestReference,
    signal?: AbortSignal,
  ): Promise<FetchedManifest>;
  /** Downloads a blob after checking `descriptor.size` against the configured bound; verifies its digest. */
  getBlob(
    repository: string,
    descriptor: Pick<Descriptor, 'digest' | 'size'>,
    signal?: AbortSignal,
  ): Promise<Uint8Array>;
  /** Referrers of a digest, through the referrers API with the `sha256-<hex>` tag fallback. */
  listReferrers(repository: string, digest: string, signal?: AbortSignal): Promise<ReferrerList>;
}

export type RegistryErrorKind =
  | 'not-found'
  | 'unauthorized'
  | 'denied'
  | 'too-large'
  | 'digest-mismatch'
  | 'unsupported-media-type'
  | 'invalid-response'
  | 'rate-limited'
  | 'timeout'
  | 'unavailable'
  | 'not-configured';

/** A registry failure with the registry host named, safe to show to users (no credentials). */
export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;
  readonly host: string;
  /** Seconds to wait before retrying, from `Retry-After`, for `rate-limited`. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: RegistryErrorKind,
    host: string,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.kind = kind;
    this.host = host;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
