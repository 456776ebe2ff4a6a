import { createHash } from 'node:crypto';
import { dsse } from '@sigstore/core';
import { z } from 'zod';
import type { SignatureClaims, SignatureResult } from '../../contract/signature.ts';
import type { SignedEntry } from '../../signatures/candidate.ts';
import { parseCertificatesPem } from '../../signatures/certificate.ts';
import { maxChainCertificates } from '../../signatures/cosign-layer.ts';
import { cosignAnnotations, isDigest } from '../../signatures/formats.ts';
import { parseCosignBundleAnnotation } from '../../signatures/rekor.ts';
import { readBundleEnvelope } from '../../signatures/sigstore-bundle.ts';
import { buildResult, type EntryContext } from '../../signatures/result.ts';
import type { SignatureTrust } from '../../signatures/trust.ts';
import { verifyCertificateSignature } from '../../signatures/verify-certificate.ts';
import { verifyKeySignature } from '../../signatures/verify-key.ts';
import type { AttestationCandidate } from './discover.ts';
import { inTotoPayloadType } from './formats.ts';

/** The outcome of checking one attestation layer: the signature result and, when readable, the statement. */
export interface VerifiedAttestation {
  signature: SignatureResult;
  /** The exact statement bytes the signature covers; absent when the envelope could not be read. */
  statement?: Uint8Array;
}

// An envelope signed by more keys than this is not what cosign writes, and each costs a verification.
const maxEnvelopeSignatures = 8;

const envelopeSchema = z.object({
  payloadType: z.string(),
  payload: z.string().min(1),
  signatures: z.array(z.object({ sig: z.string().min(1), keyid: z.string().nullish() })).min(1),
});

/** Decodes base64 in the standard or the URL-safe alphabet, both of which DSSE allows; undefined when invalid. */
function decodeEnvelopeBase64(text: string): Uint8Array | undefined {
  const standard = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[\r\n]/g, '');
  if (standard === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(standard) || standard.length % 4 === 1)
    return undefined;
  return new Uint8Array(Buffer.from(standard, 'base64'));
}

/** Reads the subjects of an in-toto statement as signature claims, or returns why they cannot be read. */
function statementClaims(statement: Uint8Array): SignatureClaims[] | string {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(statement));
  } catch {
    return 'The DSSE payload is not a UTF-8 JSON in-toto statement.';
  }
  const subjects = (json as { subject?: unknown } | null)?.subject;
  if (!Array.isArray(subjects) || subjects.length === 0) return 'The in-toto statement has no subject.';

  const claims = subjects.flatMap((subject: unknown) => {
    if (subject === null || typeof subject !== 'object') return [];
    const { digest: digests, name } = subject as { digest?: unknown; name?: unknown };
    if (digests === null || typeof digests !== 'object') return [];
    return ['sha256', 'sha512'].flatMap((algorithm) => {
      const value = (digests as Record<string, unknown>)[algorithm];
      const digest = `${algorithm}:${String(value).toLowerCase()}`;
      if (typeof value !== 'string' || !isDigest(digest)) return [];
      return [
        {
          dockerManifestDigest: digest,
          ...(typeof name === 'string' && name !== '' ? { dockerReference: name } : {}),
        },
      ];
    });
  });
  if (claims.length === 0) {
    return 'No subject of the in-toto statement has a sha256 or sha512 digest, so it names no image.';
  }
  return claims;
}

function annotation(candidate: AttestationCandidate, key: string): string | undefined {
  const value = candidate.annotations[key];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads the certificate, chain and Rekor entry that cosign stores in the layer's annotations. */
function signingMaterial(
  candidate: AttestationCandidate,
): Pick<SignedEntry, 'certificate' | 'logEntries' | 'logEntriesWithoutPromise'> | string {
  let certificate: SignedEntry['certificate'];
  const certificateText = annotation(candidate, cosignAnnotations.certificate);
  if (certificateText !== undefined) {
    const leaf = parseCertificatesPem(certificateText, 1);
    if (typeof leaf === 'string' || leaf[0] === undefined) {
      return `The ${cosignAnnotations.certificate} annotation ${typeof leaf === 'string' ? leaf : 'contains no certificate'}.`;
    }
    const chain = parseCertificatesPem(
      annotation(candidate, cosignAnnotations.chain) ?? '',
      maxChainCertificates,
    );
    if (typeof chain === 'string') return `The ${cosignAnnotations.chain} annotation ${chain}.`;
    certificate = { leaf: leaf[0], intermediates: chain };
  }

  const bundleText = annotation(candidate, cosignAnnotations.bundle);
  const logEntry = bundleText === undefined ? undefined : parseCosignBundleAnnotation(bundleText);
  if (typeof logEntry === 'string') return `The layer's ${logEntry}.`;
  return { certificate, logEntries: logEntry === undefined ? [] : [logEntry], logEntriesWithoutPromise: 0 };
}

/**
 * Verifies one attestation, from a `.att` layer or a Sigstore bundle referrer, with the signature
 * library's rules. A known key or keyless identity must verify the pre-authentication encoding of the
 * statement, and every Rekor entry from a configured log must record the signature. A statement
 * subject must name the digest the attestation was found on. Fails closed: a problem becomes a
 * non-valid result, and the promise never rejects.
 */
export async function verifyAttestation(
  candidate: AttestationCandidate,
  trust: SignatureTrust,
  now: Date,
): Promise<VerifiedAttestation> {
  const context: EntryContext = {
    digest: candidate.digest,
    source: candidate.source,
    location: {
      manifestDigest: candidate.manifestDigest,
      layerDigest: candidate.layerDigest,
      ...(candidate.layerIndex === undefined ? {} : { layerIndex: candidate.layerIndex }),
    },
  };
  try {
    const parts =
      candidate.source === 'referrer-bundle'
        ? readBundleParts(candidate, context)
        : readEnvelopeParts(candidate, context);
    if ('signature' in parts) return parts;
    return await verifyParts(parts, context, trust, now);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      signature: buildResult(
        context,
        'unsupported',
        `Verification stopped on an unexpected error, so the attestation is not trusted: ${message}`,
      ),
    };
  }
}

/** A DSSE envelope taken apart, with the certificate and log entries that vouch for it. */
interface EnvelopeParts {
  payloadType: string;
  statement: Uint8Array;
  /** Decoded signatures; undefined where the encoding was invalid. */
  signatures: (Uint8Array | undefined)[];
  material: Pick<SignedEntry, 'certificate' | 'logEntries' | 'logEntriesWithoutPromise'>;
}

/** Reads a `.att` layer: the envelope JSON, with the certificate and Rekor entry in the layer annotations. */
function readEnvelopeParts(
  candidate: AttestationCandidate,
  context: EntryContext,
): EnvelopeParts | VerifiedAttestation {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(candidate.bytes));
  } catch {
    return {
      signature: buildResult(
        context,
        'malformed-payload',
        'The attestation layer is not a JSON DSSE envelope.',
      ),
    };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const text = `The DSSE envelope is invalid at ${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'invalid'}.`;
    return { signature: buildResult(context, 'malformed-payload', text) };
  }
  const envelope = parsed.data;
  if (envelope.payloadType !== inTotoPayloadType) {
    const text = `The DSSE payload type is "${envelope.payloadType}", not "${inTotoPayloadType}".`;
    return { signature: buildResult(context, 'unsupported', text) };
  }
  const statement = decodeEnvelopeBase64(envelope.payload);
  if (statement === undefined) {
    return { signature: buildResult(context, 'malformed-payload', 'The DSSE payload is not valid base64.') };
  }
  const material = signingMaterial(candidate);
  if (typeof material === 'string')
    return { signature: buildResult(context, 'malformed-payload', material), statement };

  return {
    payloadType: envelope.payloadType,
    statement,
    signatures: envelope.signatures
      .slice(0, maxEnvelopeSignatures)
      .map((entry) => decodeEnvelopeBase64(entry.sig)),
    material,
  };
}

/** Reads a Sigstore bundle referrer: the envelope and its verification material are both in the bundle. */
function readBundleParts(
  candidate: AttestationCandidate,
  context: EntryContext,
): EnvelopeParts | VerifiedAttestation {
  const read = readBundleEnvelope(candidate.bytes, 'attestations');
  if (!read.ok) return { signature: buildResult(context, read.reason, read.text) };

  const bundle = read.value;
  if (bundle.payloadType !== inTotoPayloadType) {
    const text = `The DSSE payload type is "${bundle.payloadType}", not "${inTotoPayloadType}".`;
    return { signature: buildResult(context, 'unsupported', text) };
  }
  return {
    payloadType: bundle.payloadType,
    statement: new Uint8Array(bundle.payload),
    signatures: [bundle.signature],
    material: {
      certificate: bundle.certificate,
      logEntries: bundle.logEntries,
      logEntriesWithoutPromise: bundle.logEntriesWithoutPromise,
    },
  };
}

async function verifyParts(
  parts: EnvelopeParts,
  context: EntryContext,
  trust: SignatureTrust,
  now: Date,
): Promise<VerifiedAttestation> {
  const { statement, material } = parts;
  const subjects = statementClaims(statement);
  if (typeof subjects === 'string')
    return { signature: buildResult(context, 'malformed-payload', subjects), statement };

  const signedBytes = new Uint8Array(dsse.preAuthEncoding(parts.payloadType, Buffer.from(statement)));
  const results: SignatureResult[] = [];
  for (const signature of parts.signatures) {
    if (signature === undefined) {
      results.push(buildResult(context, 'malformed-payload', 'A DSSE signature is not valid base64.'));
      continue;
    }
    const entry: SignedEntry = {
      context: { ...context, kind: material.certificate === undefined ? 'key' : 'certificate' },
      signedBytes,
      signature,
      // Rekor `dsse` and `intoto` entries record the hash of the statement itself, not of its encoding.
      payloadSha256: createHash('sha256').update(statement).digest('hex'),
      claims: { subjects },
      ...material,
    };
    const result =
      material.certificate === undefined
        ? verifyKeySignature(entry, trust)
        : await verifyCertificateSignature(entry, material.certificate, trust, now);
    if (result.status === 'valid') return { signature: result, statement };
    results.push(result);
  }
  return {
    signature: results[0] ?? buildResult(context, 'malformed-payload', 'The DSSE envelope has no signature.'),
    statement,
  };
}
