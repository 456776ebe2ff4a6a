import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditActor {
  id: string;
  name: string;
}

export interface AuditEventInput {
  /** Who acted; null for the system (a scheduled job) or an anonymous sign-in failure. */
  actor: AuditActor | null;
  /** Dotted verb, for example `signer.approve`, `review.hide`, `user.role-change`, `auth.failure-burst`. */
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  requestId?: string;
  ip?: string;
}

/**
 * Appends one audit event. Pass the transaction that makes the change, so the change and its audit
 * entry commit or roll back together.
 */
export async function recordAuditEvent(
  db: Kysely<Database>,
  event: AuditEventInput,
  now: Date = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('audit_events')
    .values({
      id,
      occurred_at: now.toISOString(),
      actor_id: event.actor?.id ?? null,
      actor_name: event.actor?.name ?? null,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      reason: event.reason ?? null,
      request_id: event.requestId ?? null,
      ip: event.ip ?? null,
    })
    .execute();
  return id;
}
