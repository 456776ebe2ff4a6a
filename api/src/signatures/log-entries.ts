import type { SignedEntry } from './candidate.ts';
import { checkLogEntry } from './rekor.ts';
import type { SignatureTrust } from './trust.ts';

/** Outcome of checking every log entry of a signature against the configured Rekor keys. */
export type LogEntriesCheck =
  /** `signingTime` is the earliest verified integrated time; undefined when no entry could be verified. */
  | { ok: true; signingTime: Date | undefined; publicKeyPems: string[]; skipped: string[] }
  | { ok: false; reason: 'bad-signature' | 'unsupported'; text: string };

/**
 * Verifies the signature's Rekor entries. An entry from a log that is not configured is skipped and gives
 * no time. An entry from a configured log that fails its SET or does not record this signature fails the
 * whole signature, because a signature must not be shown as logged when its log entry is forged.
 */
export function checkLogEntries(entry: SignedEntry, trust: SignatureTrust): LogEntriesCheck {
  let signingTime: Date | undefined;
  const publicKeyPems: string[] = [];
  const skipped: string[] = [];

  for (const logEntry of entry.logEntries) {
    const check = checkLogEntry(logEntry, entry, trust.rekorKeys);
    switch (check.status) {
      case 'unknown-log':
        skipped.push(check.text);
        break;
      case 'invalid':
        return { ok: false, reason: 'bad-signature', text: `The Rekor entry is invalid: ${check.text}.` };
      case 'unsupported':
        return { ok: false, reason: 'unsupported', text: `${check.text}.` };
      case 'verified':
        publicKeyPems.push(check.publicKeyPem);
        if (signingTime === undefined || check.integratedTime < signingTime) {
          signingTime = check.integratedTime;
        }
        break;
    }
  }
  return { ok: true, signingTime, publicKeyPems, skipped };
}
