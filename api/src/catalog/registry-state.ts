import type { RegistryState } from '../contract/catalog.ts';
import type { ResolutionStatus } from '../contract/image.ts';

/** The catalog's registry state: the resolution status, with a moved tag called out. */
export function registryStateOf(
  status: ResolutionStatus,
  registeredDigest: string | null,
  currentDigest: string | null,
): RegistryState {
  if (
    status === 'resolved' &&
    registeredDigest !== null &&
    currentDigest !== null &&
    registeredDigest !== currentDigest
  ) {
    return 'tag-moved';
  }
  return status;
}
