import { readFile } from 'node:fs/promises';
import {
  buildSignatureTrust,
  type SignatureTrust,
  type SignatureTrustConfig,
} from '../../src/signatures/index.ts';
import { readVectorFile, rekorPublicGoodKeyPath } from './vectors.ts';

/** The identity in the `dir-img-cosign-fulcio-rekor-valid` certificate. */
export const fulcioVectorIdentity = { san: 'mitr@redhat.com', issuer: 'https://github.com/login/oauth' };

/** The identity in the `dir-img-cosign-pki-valid` certificate: its email SAN and its issuing CA's name. */
export const pkiVectorIdentity = {
  san: 'qiwan@redhat.com',
  issuer: 'CN=Linuxera Intermediate Certificate Authority,OU=Security,O=IT,L=Valencia,C=ES',
};

/** Trust settings that the fixture table of the containers/image vectors expects, with overrides. */
export async function vectorTrustConfig(
  overrides: Partial<SignatureTrustConfig> = {},
): Promise<SignatureTrustConfig> {
  return {
    keys: [await readVectorFile('cosign.pub'), await readVectorFile('cosign2.pub')],
    identities: [fulcioVectorIdentity, pkiVectorIdentity],
    certificateAuthorities: [
      { name: 'sigstore', pem: await readVectorFile('fulcio_v1.crt.pem'), requireSigningTime: true },
      { name: 'linuxera-pki', pem: await readVectorFile('pki_root_crts.pem'), requireSigningTime: false },
    ],
    rekorKeys: [await readFile(rekorPublicGoodKeyPath, 'utf8')],
    ...overrides,
  };
}

export async function vectorTrust(overrides: Partial<SignatureTrustConfig> = {}): Promise<SignatureTrust> {
  return buildSignatureTrust(await vectorTrustConfig(overrides));
}
