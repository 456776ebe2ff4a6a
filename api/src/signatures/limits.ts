/** Bounds on what signature discovery reads from a registry for one image. */
export interface SignatureLimits {
  /** Layers read from one `.sig` manifest; each costs a blob download and a signature check. */
  maxSignatureLayers: number;
  /** Sigstore bundle referrers read for one digest. */
  maxReferrers: number;
  /** Platform manifests of an index whose signatures are also looked up. */
  maxPlatforms: number;
  /** Largest simple-signing payload blob downloaded, in bytes. */
  maxPayloadBytes: number;
  /** Largest Sigstore bundle blob downloaded, in bytes. */
  maxBundleBytes: number;
}

export const defaultSignatureLimits: SignatureLimits = {
  // An image usually carries a handful of signatures; a long tail is more likely noise or abuse.
  maxSignatureLayers: 32,
  maxReferrers: 32,
  maxPlatforms: 16,
  // A simple-signing payload is a few hundred bytes; the margin is for large `optional` annotations.
  maxPayloadBytes: 64 * 1024,
  // A bundle with a certificate chain, an inclusion proof and timestamps is about 10 KiB.
  maxBundleBytes: 256 * 1024,
};
