import type {
  SignatureKind,
  SignatureLocation,
  SignatureReason,
  SignatureResult,
  SignatureSource,
  SignatureStatus,
} from '../contract/signature.ts';

/** Status implied by each reason, so that no code path can pair `ok` with anything but `valid`. */
const statusByReason: Record<SignatureReason, SignatureStatus> = {
  ok: 'valid',
  'digest-mismatch': 'invalid',
  'bad-signature': 'invalid',
  'malformed-payload': 'invalid',
  'not-a-signature': 'invalid',
  'certificate-expired-at-signing': 'invalid',
  'unknown-key': 'unverifiable',
  'certificate-untrusted': 'unverifiable',
  'no-signing-time': 'unverifiable',
  'identity-mismatch': 'unverifiable',
  unsupported: 'unverifiable',
  'too-large': 'unverifiable',
  'limit-exceeded': 'unverifiable',
};

export function statusForReason(reason: SignatureReason): SignatureStatus {
  return statusByReason[reason];
}

/** Identifies one signature entry: the digest it is checked against and where it was found. */
export interface EntryContext {
  digest: string;
  source?: SignatureSource;
  location: SignatureLocation;
  kind?: SignatureKind;
}

/** Result details beyond the reason, filled in as far as verification got. */
export type ResultDetails = Partial<
  Pick<SignatureResult, 'kind' | 'keyFingerprint' | 'publicKeyPem' | 'certificate' | 'claims' | 'signerRef'>
>;

export function buildResult(
  context: EntryContext,
  reason: SignatureReason,
  reasonText: string,
  details: ResultDetails = {},
): SignatureResult {
  return {
    digest: context.digest,
    source: context.source,
    status: statusForReason(reason),
    reason,
    reasonText,
    ...details,
    kind: details.kind ?? context.kind,
    location: context.location,
  };
}

/** A step that either produced a value or ended verification with a reason. */
export type Step<T> = { ok: true; value: T } | { ok: false; reason: SignatureReason; text: string };

export function passed<T>(value: T): Step<T> {
  return { ok: true, value };
}

export function failed(
  reason: SignatureReason,
  text: string,
): { ok: false; reason: SignatureReason; text: string } {
  return { ok: false, reason, text };
}
