import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parsePublicKeyDer, type PublicKeyInfo } from './public-key.ts';

/** An X.509 certificate with the exact DER bytes it was parsed from. */
export interface ParsedCertificate {
  der: Uint8Array;
  certificate: pkijs.Certificate;
}

const pemCertificatePattern = /-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Parses a sequence of PEM `CERTIFICATE` blocks. Anything but whitespace between the blocks, another
 * PEM type, invalid base64 or DER, or more than `maxCount` certificates is an error message.
 */
export function parseCertificatesPem(text: string, maxCount: number): ParsedCertificate[] | string {
  const bodies = [...text.matchAll(pemCertificatePattern)].map((match) => match[1] ?? '');
  if (text.replace(pemCertificatePattern, '').trim() !== '') {
    return 'contains text that is not a PEM CERTIFICATE block';
  }
  if (bodies.length > maxCount) return `contains ${bodies.length} certificates, more than ${maxCount}`;

  const certificates: ParsedCertificate[] = [];
  for (const body of bodies) {
    const base64 = body.replace(/\s+/g, '');
    const valid = base64Pattern.test(base64) && base64.length % 4 === 0;
    const parsed = valid ? parseCertificateDer(new Uint8Array(Buffer.from(base64, 'base64'))) : undefined;
    if (parsed === undefined) return 'contains a PEM block that is not a valid DER X.509 certificate';
    certificates.push(parsed);
  }
  return certificates;
}

/** Parses one DER certificate; undefined when the bytes are not an X.509 certificate. */
export function parseCertificateDer(der: Uint8Array): ParsedCertificate | undefined {
  try {
    // The copy is backed by a plain ArrayBuffer, which the DOM typing of pkijs's BufferSource requires.
    return { der, certificate: pkijs.Certificate.fromBER(new Uint8Array(der)) };
  } catch {
    return undefined;
  }
}

export function certificatePublicKey(certificate: pkijs.Certificate): PublicKeyInfo | string {
  const der = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
  return parsePublicKeyDer(der);
}

/** Object identifiers of the X.509 and Fulcio extensions that verification reads. */
export const oids = {
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  anyExtendedKeyUsage: '2.5.29.37.0',
  /** Fulcio OIDC issuer, DER UTF8String (Fulcio 1.1 and later). */
  fulcioIssuerV2: '1.3.6.1.4.1.57264.1.8',
  /** Deprecated Fulcio OIDC issuer, raw ASCII bytes without DER framing. */
  fulcioIssuerV1: '1.3.6.1.4.1.57264.1.1',
} as const;

/** Extensions that may be critical in a signing certificate because verification or pkijs handles them. */
const understoodCriticalExtensions = new Set([
  oids.subjectAltName,
  oids.keyUsage,
  oids.extendedKeyUsage,
  oids.basicConstraints,
  '2.5.29.14', // subject key identifier
  '2.5.29.35', // authority key identifier
  '2.5.29.32', // certificate policies
]);

function findExtension(certificate: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return certificate.extensions?.find((extension) => extension.extnID === oid);
}

/** Subject alternative names: email addresses, URIs and DNS names, in certificate order. */
export function subjectAlternativeNames(certificate: pkijs.Certificate): string[] {
  const parsed = findExtension(certificate, oids.subjectAltName)?.parsedValue;
  if (!(parsed instanceof pkijs.AltName)) return [];

  // GeneralName tags: 1 rfc822Name (email), 2 dNSName, 6 uniformResourceIdentifier.
  // NOTE: otherName entries (Fulcio's username identities) are not read, so such certificates have no SAN.
  return parsed.altNames
    .filter((name) => name.type === 1 || name.type === 2 || name.type === 6)
    .map((name) => String(name.value));
}

/** OIDC issuer from the Fulcio extensions, preferring the DER-encoded one; undefined when neither is present. */
export function fulcioIssuer(certificate: pkijs.Certificate): string | undefined {
  const v2 = findExtension(certificate, oids.fulcioIssuerV2);
  if (v2 !== undefined) {
    const parsed = asn1js.fromBER(v2.extnValue.valueBlock.valueHexView);
    if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Utf8String)) return undefined;
    return parsed.result.valueBlock.value;
  }

  const v1 = findExtension(certificate, oids.fulcioIssuerV1);
  if (v1 !== undefined) return new TextDecoder().decode(v1.extnValue.valueBlock.valueHexView);
  return undefined;
}

const attributeNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'SERIALNUMBER',
  '1.2.840.113549.1.9.1': 'E',
};

/** Formats a distinguished name as RFC 4514 does: most specific attribute first, special characters escaped. */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((attribute) => {
      const label = attributeNames[attribute.type] ?? attribute.type;
      const value = String((attribute.value.valueBlock as { value?: unknown }).value ?? '');
      return `${label}=${value.replace(/([,+"\\<>;])/g, '\\$1')}`;
    })
    .reverse()
    .join(',');
}

/** Checks whether the certificate is marked as a certificate authority in its basic constraints. */
export function isCertificateAuthority(certificate: pkijs.Certificate): boolean {
  const parsed = findExtension(certificate, oids.basicConstraints)?.parsedValue;
  return parsed instanceof pkijs.BasicConstraints && parsed.cA === true;
}

/**
 * Checks that a certificate may sign code: not a CA, key usage (when present) includes digitalSignature,
 * extended key usage (when present) includes codeSigning, and no critical extension goes unread.
 * Returns an error message, or undefined when the certificate may sign.
 */
export function signingUsageProblem(certificate: pkijs.Certificate): string | undefined {
  if (isCertificateAuthority(certificate)) return 'the signing certificate is a CA certificate';

  const unknownCritical = (certificate.extensions ?? []).find(
    (extension) => extension.critical && !understoodCriticalExtensions.has(extension.extnID),
  );
  if (unknownCritical !== undefined) {
    return `the signing certificate has an unsupported critical extension ${unknownCritical.extnID}`;
  }

  const keyUsage = findExtension(certificate, oids.keyUsage)?.parsedValue;
  // KeyUsage is a BIT STRING whose first bit (0x80 of the first byte) is digitalSignature.
  if (keyUsage instanceof asn1js.BitString && ((keyUsage.valueBlock.valueHexView[0] ?? 0) & 0x80) === 0) {
    return 'the signing certificate key usage does not include digitalSignature';
  }

  const extendedKeyUsage = findExtension(certificate, oids.extendedKeyUsage)?.parsedValue;
  if (
    extendedKeyUsage instanceof pkijs.ExtKeyUsage &&
    !extendedKeyUsage.keyPurposes.some(
      (purpose) => purpose === oids.codeSigning || purpose === oids.anyExtendedKeyUsage,
    )
  ) {
    return 'the signing certificate extended key usage does not include codeSigning';
  }
  return undefined;
}
