export type { BundleCandidate, CosignLayerCandidate, SignatureCandidate } from './candidate.ts';
export { discoverSignatures, discoverSignaturesForImage, type SignatureDiscovery } from './discover.ts';
export { defaultSignatureLimits, type SignatureLimits } from './limits.ts';
export { statusForReason } from './result.ts';
export {
  buildSignatureTrust,
  describePublicKey,
  SignatureTrustError,
  type CertificateAuthorityConfig,
  type KeylessIdentity,
  type SignatureTrust,
  type SignatureTrustConfig,
} from './trust.ts';
export { verifySignature, verifySignatures, type VerifyOptions } from './verify.ts';
