import type { TrustPolicyVersion } from '../contract/policy.ts';
import { describePolicyChanges } from './changes.ts';
import type { StoredPolicyVersion } from './store.ts';

/** Converts a stored policy version to the API's view; administrators also see who wrote it. */
export function policyVersionView(
  version: StoredPolicyVersion,
  previous: StoredPolicyVersion | undefined,
  options: { currentVersion: number; includeAuthor: boolean },
): TrustPolicyVersion {
  return {
    version: version.version,
    policy: version.policy,
    createdAt: version.createdAt,
    ...(options.includeAuthor && version.authorName !== null ? { author: version.authorName } : {}),
    bySystem: version.authorId === null,
    reason: version.reason,
    isCurrent: version.version === options.currentVersion,
    changes: previous === undefined ? [] : describePolicyChanges(previous.policy, version.policy),
  };
}
