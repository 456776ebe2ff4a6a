import { signBytes, type TestSigningKey } from './keys.ts';
import type { SignatureLayer } from './oci.ts';
import { simpleSigningPayload, type SimpleSigningOptions } from './payload.ts';
import type { TestCertificate } from './certificates.ts';
import type { TestRekorLog } from './rekor.ts';

export interface SignLayerOptions extends SimpleSigningOptions {
  /** Signs with this key; for a certificate signature, pass the certificate's key. */
  key: Pick<TestSigningKey, 'type' | 'privateKey' | 'publicKeyPem'>;
  /** Makes a certificate-based signature with this leaf and chain (intermediates, then root). */
  certificate?: { leaf: TestCertificate; chain: TestCertificate[] };
  /** Records the signature in this log at `integratedTime` and adds the cosign bundle annotation. */
  rekor?: { log: TestRekorLog; integratedTime: Date };
}

/** Builds one `.sig` layer as `cosign sign` would: the payload, its signature and the annotations. */
export function signLayer(options: SignLayerOptions): SignatureLayer {
  const payload = simpleSigningPayload(options);
  const signature = signBytes(options.key, payload);
  const annotations: Record<string, string> = {
    'dev.cosignproject.cosign/signature': Buffer.from(signature).toString('base64'),
  };

  if (options.certificate !== undefined) {
    annotations['dev.sigstore.cosign/certificate'] = options.certificate.leaf.pem;
    annotations['dev.sigstore.cosign/chain'] = options.certificate.chain.map((entry) => entry.pem).join('');
  }
  if (options.rekor !== undefined) {
    const entry = options.rekor.log.createEntry({
      payload,
      signature,
      publicKeyPem: options.certificate?.leaf.pem ?? options.key.publicKeyPem,
      integratedTime: options.rekor.integratedTime,
    });
    annotations['dev.sigstore.cosign/bundle'] = entry.cosignBundleAnnotation;
  }
  return { payload, annotations };
}
