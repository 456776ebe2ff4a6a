import type { SignedEntry } from './candidate.ts';
import { parsePublicKeyPem, type PublicKeyInfo } from './public-key.ts';
import { logEntryPublicKeyPem } from './rekor.ts';

/** Public keys named by the signature's Rekor entry bodies, whether or not their logs are configured. */
export function readLogEntryKeys(entry: SignedEntry): PublicKeyInfo[] {
  return entry.logEntries.flatMap((logEntry) => {
    const pem = logEntryPublicKeyPem(logEntry);
    const parsed = pem === undefined ? undefined : parsePublicKeyPem(pem);
    return parsed === undefined || typeof parsed === 'string' ? [] : [parsed];
  });
}
