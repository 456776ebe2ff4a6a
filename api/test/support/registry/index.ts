export { createCountingFetch, type CountedRequest } from './counting-fetch.ts';
export {
  startFaultProxy,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultRule,
  type ProxiedRequest,
} from './fault-proxy.ts';
export { writeOciLayout, type LayoutEntry } from './oci-layout-writer.ts';
export {
  pushBlob,
  pushImage,
  pushIndex,
  pushManifest,
  type PushedImage,
  type PushedIndex,
  type RegistryCredentials,
} from './push.ts';
export {
  startRegistry,
  type RegistryAuthMode,
  type StartRegistryOptions,
  type TestRegistry,
} from './start-registry.ts';
export {
  blobOf,
  blobsOf,
  buildImage,
  buildIndex,
  jsonBlob,
  type BuiltBlob,
  type BuiltImage,
  type BuiltIndex,
  type ImageFormat,
  type SyntheticImageOptions,
  type SyntheticIndexOptions,
} from './synthetic-image.ts';
export {
  startTokenServer,
  type TokenServer,
  type TokenServerOptions,
  type TokenRequestRecord,
} from './token-server.ts';
