export {
  buildBundle,
  bundleV01MediaType,
  bundleV03MediaType,
  cosignSignPredicateType,
  signDsse,
  signStatement,
  type BundleOptions,
  type DsseSignature,
} from './bundle.ts';
export {
  createCertificate,
  createCertificateAuthority,
  createKeylessSigner,
  type CertificateOptions,
  type TestCertificate,
  type TestCertificateAuthority,
  type TestKeylessSigner,
} from './certificates.ts';
export { generateSigningKey, signBytes, type TestKeyType, type TestSigningKey } from './keys.ts';
export {
  blobOf,
  buildBundleReferrer,
  buildImage,
  buildIndex,
  buildReferrersIndex,
  buildSignatureManifest,
  sha256Digest,
  simpleSigningMediaType,
  type Blob,
  type BuiltManifest,
  type SignatureLayer,
} from './oci.ts';
export { simpleSigningPayload, type SimpleSigningOptions } from './payload.ts';
export { pushBlob, pushManifest, pushSignatureManifest } from './push.ts';
export { createTestRekorLog, type LogEntryContent, type TestLogEntry, type TestRekorLog } from './rekor.ts';
export { signLayer, type SignLayerOptions } from './sign-layer.ts';
