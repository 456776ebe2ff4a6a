import { createHash, KeyObject, webcrypto, type webcrypto as WebCryptoTypes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestSigningKey } from './keys.ts';

type WebCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
type PkijsCryptoKey = Parameters<pkijs.Certificate['sign']>[0];
const engine = new pkijs.CryptoEngine({ name: 'test-webcrypto', crypto: webcrypto as unknown as WebCrypto });

/** A certificate made for tests, with the private key that signs with it (or issues under it). */
export interface TestCertificate {
  pem: string;
  der: Uint8Array;
  /** The certificate's key pair, usable with signBytes. */
  key: TestSigningKey;
  subjectName: string;
  cryptoKeys: WebCryptoTypes.CryptoKeyPair;
  /** 'ecdsa-p384' authorities sign with SHA-384, the others with SHA-256. */
  hash: 'SHA-256' | 'SHA-384';
}

export interface CertificateOptions {
  /** Common name of the subject; leaf certificates from Fulcio have an empty subject. */
  commonName?: string;
  /** The issuing certificate; the certificate is self-signed when absent. */
  issuer?: TestCertificate;
  notBefore: Date;
  notAfter: Date;
  /** Makes a CA certificate with keyCertSign usage; `pathLength` sets the basic-constraints limit. */
  ca?: { pathLength?: number };
  emails?: string[];
  uris?: string[];
  /** OIDC issuer written into the Fulcio extension. */
  oidcIssuer?: string;
  /** Which Fulcio issuer extension to write: `.1.8` (DER UTF8String, default) or the deprecated `.1.1`. */
  oidcIssuerExtension?: 'v1' | 'v2';
  /** Extended key usages of a leaf; code signing by default, an empty list omits the extension. */
  extendedKeyUsages?: string[];
  /** Key type of the new certificate. */
  keyType?: 'ecdsa-p256' | 'ecdsa-p384';
}

const codeSigning = '1.3.6.1.5.5.7.3.3';
let serial = 1;

function extension(extnID: string, critical: boolean, value: ArrayBuffer): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value });
}

function setCommonName(name: pkijs.RelativeDistinguishedNames, commonName: string | undefined): void {
  if (commonName === undefined) return;
  name.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }),
  );
}

/** Issues an X.509 certificate with pkijs: a root, an intermediate or a Fulcio-like code-signing leaf. */
export async function createCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const keyType = options.keyType ?? 'ecdsa-p256';
  const namedCurve = keyType === 'ecdsa-p384' ? 'P-384' : 'P-256';
  const cryptoKeys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
    'sign',
    'verify',
  ])) as WebCryptoTypes.CryptoKeyPair;

  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: serial++ });
  setCommonName(certificate.subject, options.commonName);
  setCommonName(certificate.issuer, options.issuer?.subjectName ?? options.commonName);
  certificate.notBefore.value = options.notBefore;
  certificate.notAfter.value = options.notAfter;
  certificate.extensions = certificateExtensions(options);
  await certificate.subjectPublicKeyInfo.importKey(cryptoKeys.publicKey as unknown as PkijsCryptoKey, engine);

  const signer = options.issuer?.cryptoKeys.privateKey ?? cryptoKeys.privateKey;
  const hash = options.issuer?.hash ?? (keyType === 'ecdsa-p384' ? 'SHA-384' : 'SHA-256');
  await certificate.sign(signer as unknown as PkijsCryptoKey, hash, engine);

  const der = new Uint8Array(certificate.toSchema(true).toBER(false));
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  const publicKey = KeyObject.from(cryptoKeys.publicKey);
  return {
    pem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    der,
    key: {
      type: keyType,
      privateKey: KeyObject.from(cryptoKeys.privateKey),
      publicKey,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      fingerprint: createHash('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    },
    subjectName: options.commonName ?? '',
    cryptoKeys,
    hash: keyType === 'ecdsa-p384' ? 'SHA-384' : 'SHA-256',
  };
}

function certificateExtensions(options: CertificateOptions): pkijs.Extension[] {
  const extensions: pkijs.Extension[] = [];
  if (options.ca !== undefined) {
    // pkijs writes pathLenConstraint 0 when the key is present, even with an undefined value.
    const constraints = new pkijs.BasicConstraints(
      options.ca.pathLength === undefined
        ? { cA: true }
        : { cA: true, pathLenConstraint: options.ca.pathLength },
    );
    extensions.push(extension('2.5.29.19', true, constraints.toSchema().toBER(false)));
    // keyCertSign (bit 5) and cRLSign (bit 6): 0x06 with one unused bit.
    const usage = new asn1js.BitString({ valueHex: new Uint8Array([0x06]).buffer, unusedBits: 1 });
    extensions.push(extension('2.5.29.15', true, usage.toBER(false)));
    return extensions;
  }

  // digitalSignature (bit 0): 0x80 with seven unused bits.
  const usage = new asn1js.BitString({ valueHex: new Uint8Array([0x80]).buffer, unusedBits: 7 });
  extensions.push(extension('2.5.29.15', true, usage.toBER(false)));

  const purposes = options.extendedKeyUsages ?? [codeSigning];
  if (purposes.length > 0) {
    const extendedUsage = new pkijs.ExtKeyUsage({ keyPurposes: purposes });
    extensions.push(extension('2.5.29.37', false, extendedUsage.toSchema().toBER(false)));
  }

  const names = [
    ...(options.emails ?? []).map((value) => new pkijs.GeneralName({ type: 1, value })),
    ...(options.uris ?? []).map((value) => new pkijs.GeneralName({ type: 6, value })),
  ];
  if (names.length > 0) {
    const alternativeNames = new pkijs.GeneralNames({ names });
    // Fulcio marks the SAN critical because the subject is empty.
    extensions.push(extension('2.5.29.17', true, alternativeNames.toSchema().toBER(false)));
  }

  if (options.oidcIssuer !== undefined) {
    const value =
      options.oidcIssuerExtension === 'v1'
        ? new TextEncoder().encode(options.oidcIssuer).buffer
        : new asn1js.Utf8String({ value: options.oidcIssuer }).toBER(false);
    const oid = options.oidcIssuerExtension === 'v1' ? '1.3.6.1.4.1.57264.1.1' : '1.3.6.1.4.1.57264.1.8';
    extensions.push(extension(oid, false, value as ArrayBuffer));
  }
  return extensions;
}

/** A root, an intermediate under it, and a function issuing Fulcio-like leaves under the intermediate. */
export interface TestCertificateAuthority {
  root: TestCertificate;
  intermediate: TestCertificate;
  issueLeaf(options: Omit<CertificateOptions, 'issuer' | 'ca'>): Promise<TestCertificate>;
}

/** Creates a two-level authority like Fulcio's: a P-384 root valid for years and a P-384 intermediate. */
export async function createCertificateAuthority(
  name: string,
  validFrom: Date,
): Promise<TestCertificateAuthority> {
  const tenYears = new Date(validFrom.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const root = await createCertificate({
    commonName: `${name} root`,
    notBefore: validFrom,
    notAfter: tenYears,
    ca: {},
    keyType: 'ecdsa-p384',
  });
  const intermediate = await createCertificate({
    commonName: `${name} intermediate`,
    issuer: root,
    notBefore: validFrom,
    notAfter: tenYears,
    ca: { pathLength: 0 },
    keyType: 'ecdsa-p384',
  });
  return {
    root,
    intermediate,
    issueLeaf: (options) => createCertificate({ ...options, issuer: intermediate }),
  };
}

/** A test authority with one short-lived leaf certificate, as Fulcio issues for a keyless signature. */
export interface TestKeylessSigner {
  authority: TestCertificateAuthority;
  leaf: TestCertificate;
  /** Intermediate and root PEM: what a trust configuration lists, because v0.3 bundles carry only the leaf. */
  authorityPem: string;
}

/**
 * Creates an authority named `name` and a leaf for the identity, valid from one minute before `signedAt`
 * for ten minutes, so that a log entry at `signedAt` falls inside its validity.
 */
export async function createKeylessSigner(
  name: string,
  identity: { san: string; issuer: string },
  signedAt: Date,
): Promise<TestKeylessSigner> {
  const authority = await createCertificateAuthority(name, new Date('2024-01-01T00:00:00Z'));
  const leaf = await authority.issueLeaf({
    notBefore: new Date(signedAt.getTime() - 60_000),
    notAfter: new Date(signedAt.getTime() + 540_000),
    emails: [identity.san],
    oidcIssuer: identity.issuer,
  });
  return { authority, leaf, authorityPem: authority.intermediate.pem + authority.root.pem };
}
