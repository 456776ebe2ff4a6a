import type { SignatureClaims } from '../contract/signature.ts';
import {
  cosignSignPredicateType,
  inTotoPayloadType,
  inTotoStatementTypes,
  isDigest,
  simpleSigningType,
} from './formats.ts';
import { failed, passed, type Step } from './result.ts';

/** The images a signed payload names: one for simple signing, one per in-toto subject. */
export interface PayloadClaims {
  subjects: SignatureClaims[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(bytes: Uint8Array, description: string): Step<unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failed('malformed-payload', `The ${description} is not valid UTF-8 text.`);
  }
  try {
    return passed(JSON.parse(text) as unknown);
  } catch (error) {
    return failed('malformed-payload', `The ${description} is not valid JSON (${(error as Error).message}).`);
  }
}

/**
 * Reads a cosign simple-signing payload, whose `critical.type` must be `cosign container image signature`.
 * The digest is `critical.image.docker-manifest-digest`, or the capitalised `Docker-manifest-digest` that
 * early cosign versions wrote. A payload carrying both with different values is rejected.
 */
export function parseSimpleSigningPayload(bytes: Uint8Array): Step<PayloadClaims> {
  const parsed = parseJson(bytes, 'signed payload');
  if (!parsed.ok) return parsed;

  const payload = parsed.value;
  if (!isObject(payload) || !isObject(payload.critical)) {
    return failed('malformed-payload', 'The signed payload has no "critical" object.');
  }
  const critical = payload.critical;
  if (critical.type !== simpleSigningType) {
    return failed(
      'not-a-signature',
      `The payload's critical.type is ${JSON.stringify(critical.type)}, not "${simpleSigningType}".`,
    );
  }

  if (!isObject(critical.image)) {
    return failed('malformed-payload', 'The signed payload has no critical.image object.');
  }

  const lowerCase = critical.image['docker-manifest-digest'];
  const capitalised = critical.image['Docker-manifest-digest'];
  if (lowerCase !== undefined && capitalised !== undefined && lowerCase !== capitalised) {
    return failed(
      'malformed-payload',
      'The signed payload names two different digests in critical.image (docker-manifest-digest and Docker-manifest-digest).',
    );
  }
  const digest = lowerCase ?? capitalised;
  if (typeof digest !== 'string' || !isDigest(digest)) {
    return failed(
      'malformed-payload',
      `critical.image.docker-manifest-digest is ${JSON.stringify(digest)}, expected "sha256:" and 64 hex digits.`,
    );
  }

  const reference = isObject(critical.identity) ? critical.identity['docker-reference'] : undefined;
  if (reference !== undefined && typeof reference !== 'string') {
    return failed(
      'malformed-payload',
      'critical.identity.docker-reference in the signed payload is not a string.',
    );
  }
  if (payload.optional !== undefined && payload.optional !== null && !isObject(payload.optional)) {
    return failed('malformed-payload', 'The "optional" field of the signed payload is not an object.');
  }

  const claims: SignatureClaims = { dockerManifestDigest: digest };
  if (reference !== undefined) claims.dockerReference = reference;
  if (isObject(payload.optional)) claims.annotations = payload.optional;
  return passed({ subjects: [claims] });
}

/**
 * Reads the in-toto statement of a DSSE envelope in a Sigstore bundle. Only a statement with cosign's
 * image-signature predicate type is a signature; other predicates are attestations.
 */
export function parseSignStatement(payloadType: string, payload: Uint8Array): Step<PayloadClaims> {
  if (payloadType !== inTotoPayloadType) {
    return failed(
      'not-a-signature',
      `The DSSE payload type is "${payloadType}", not "${inTotoPayloadType}".`,
    );
  }
  const parsed = parseJson(payload, 'in-toto statement');
  if (!parsed.ok) return parsed;

  const statement = parsed.value;
  if (!isObject(statement) || !inTotoStatementTypes.includes(String(statement._type))) {
    return failed('malformed-payload', 'The DSSE payload is not an in-toto statement (unknown "_type").');
  }
  if (statement.predicateType !== cosignSignPredicateType) {
    return failed(
      'not-a-signature',
      `The statement's predicate type is ${JSON.stringify(statement.predicateType)}, an attestation rather than the image signature type "${cosignSignPredicateType}".`,
    );
  }
  if (!Array.isArray(statement.subject) || statement.subject.length === 0) {
    return failed('malformed-payload', 'The in-toto statement has no subject.');
  }

  const subjects: SignatureClaims[] = [];
  for (const [index, subject] of statement.subject.entries()) {
    const claims = subjectClaims(subject);
    if (claims === undefined) {
      return failed(
        'malformed-payload',
        `subject[${index}] of the in-toto statement has no sha256 or sha512 digest.`,
      );
    }
    subjects.push(claims);
  }
  return passed({ subjects });
}

function subjectClaims(subject: unknown): SignatureClaims | undefined {
  if (!isObject(subject) || !isObject(subject.digest)) return undefined;

  const digests = subject.digest;
  const algorithm = ['sha256', 'sha512'].find((name) => typeof digests[name] === 'string');
  if (algorithm === undefined) return undefined;
  const digest = `${algorithm}:${String(digests[algorithm])}`;
  if (!isDigest(digest)) return undefined;

  const claims: SignatureClaims = { dockerManifestDigest: digest };
  if (typeof subject.name === 'string' && subject.name !== '') claims.dockerReference = subject.name;
  if (isObject(subject.annotations) && Object.keys(subject.annotations).length > 0) {
    claims.annotations = subject.annotations;
  }
  return claims;
}
