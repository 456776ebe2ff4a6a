import type { AuditActor } from '../audit/record.ts';

/** Who made a change and the request it came in on, as the audit log records them. */
export interface AuditRequest {
  actor: AuditActor | null;
  requestId?: string | undefined;
  ip?: string | undefined;
}
