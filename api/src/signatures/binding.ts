import type { SignatureClaims } from '../contract/signature.ts';
import type { SignedEntry } from './candidate.ts';

/**
 * Returns the claims that name the image digest the signature was found on, or undefined when none
 * does: a signature copied onto another image still names the image it was made for.
 */
export function claimsForDigest(entry: SignedEntry): SignatureClaims | undefined {
  return entry.claims.subjects.find((subject) => subject.dockerManifestDigest === entry.context.digest);
}

/** Words a digest mismatch with both digests, so the message shows which image the signature belongs to. */
export function digestMismatchText(entry: SignedEntry): string {
  const named = entry.claims.subjects.map((subject) => subject.dockerManifestDigest).join(', ');
  return `The signature is for ${named}, not for the image digest ${entry.context.digest}.`;
}
