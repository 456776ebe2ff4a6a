import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { isUniqueViolation } from '../accounts/unique-violation.ts';
import { recordAuditEvent, type AuditActor } from '../audit/record.ts';
import type { PolicyException, TrustPolicy, updateTrustPolicyBodySchema } from '../contract/policy.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { describePolicyChanges, sameException } from './changes.ts';
import { insertPolicyVersion, loadCurrentPolicy, type StoredPolicyVersion } from './store.ts';

export type UpdateTrustPolicy = z.output<typeof updateTrustPolicyBodySchema>;

/** Author and request of a policy change, for the version row and the audit event. */
export interface PolicyChangeContext {
  actor: AuditActor;
  requestId?: string;
  ip?: string;
  now: Date;
}

function conflict(current: StoredPolicyVersion, baseVersion: number): AppError {
  const by = current.authorName === null ? 'Assay' : current.authorName;
  return new AppError(
    'conflict',
    `The policy changed while you edited it: you started from version ${baseVersion}, and version ${current.version} was saved by ${by} at ${current.createdAt}. Reload the policy and apply your change again.`,
    { currentVersion: current.version },
  );
}

/**
 * Builds the stored exceptions. An exception copied unchanged from the current version keeps its author
 * and may have expired already. A new or changed one is stamped with the actor and must expire in the
 * future, and `invalid-input` names each one that does not.
 */
function stampExceptions(
  input: UpdateTrustPolicy['policy']['exceptions'],
  current: TrustPolicy,
  change: PolicyChangeContext,
): PolicyException[] {
  const problems: Array<{ path: string; message: string }> = [];
  const exceptions = input.map((exception, index) => {
    const written = {
      vulnerabilityId: exception.vulnerabilityId,
      justification: exception.justification,
      expiresAt: new Date(exception.expiresAt).toISOString(),
      repositories: exception.repositories ?? [],
    };
    const unchanged = current.exceptions.find((existing) => sameException(existing, written));
    if (unchanged !== undefined) return unchanged;
    if (Date.parse(written.expiresAt) <= change.now.getTime()) {
      problems.push({
        path: `policy.exceptions.${index}.expiresAt`,
        message: `the exception for ${written.vulnerabilityId} must expire in the future, after ${change.now.toISOString()}`,
      });
    }
    return { ...written, addedBy: change.actor.name, addedAt: change.now.toISOString() };
  });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new AppError('invalid-input', `Invalid body: ${first.path} ${first.message}`, problems);
  }
  return exceptions;
}

/**
 * Saves a new policy version and its audit event in one transaction. Throws `conflict` when the edit
 * did not start from the current version (or another edit saved the same version number first) and
 * `invalid-input` when nothing changed or an exception does not expire in the future.
 */
export async function updateTrustPolicy(
  db: Kysely<Database>,
  body: UpdateTrustPolicy,
  change: PolicyChangeContext,
): Promise<StoredPolicyVersion> {
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await loadCurrentPolicy(trx);
      if (body.baseVersion !== current.version) throw conflict(current, body.baseVersion);

      const policy: TrustPolicy = {
        signerRule: body.policy.signerRule,
        maxScanAgeDays: body.policy.maxScanAgeDays,
        failSeverities: body.policy.failSeverities,
        fixableOnly: body.policy.fixableOnly,
        exceptions: stampExceptions(body.policy.exceptions, current.policy, change),
      };
      if (describePolicyChanges(current.policy, policy).length === 0) {
        throw new AppError(
          'invalid-input',
          `Nothing changed: the submitted policy is the same as version ${current.version}.`,
          [{ path: 'policy', message: `is the same as version ${current.version}` }],
        );
      }

      const next: StoredPolicyVersion = {
        version: current.version + 1,
        policy,
        authorId: change.actor.id,
        authorName: change.actor.name,
        reason: body.reason,
        createdAt: change.now.toISOString(),
      };
      await insertPolicyVersion(trx, next);
      await recordAuditEvent(
        trx,
        {
          actor: change.actor,
          action: 'policy.update',
          targetType: 'trust-policy',
          targetId: String(next.version),
          before: { version: current.version, ...current.policy },
          after: { version: next.version, ...next.policy },
          reason: body.reason,
          ...(change.requestId !== undefined ? { requestId: change.requestId } : {}),
          ...(change.ip !== undefined ? { ip: change.ip } : {}),
        },
        change.now,
      );
      return next;
    });
  } catch (error) {
    // Two edits from the same base version race for the same version number; the loser gets 409.
    if (isUniqueViolation(error)) {
      throw conflict(await loadCurrentPolicy(db), body.baseVersion);
    }
    throw error;
  }
}
