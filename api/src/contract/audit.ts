import { z } from 'zod';

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  /** Null for changes made by Assay itself and for anonymous sign-in failure bursts. */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Dotted verb, such as `signer.approve`, `policy.update` or `auth.failure-burst`. */
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  /**
   * The target's current name, read with the log: a signer's or user's name, the plugin version of a
   * review, image or manifest, or the policy version. Absent when the target cannot be named (it no
   * longer exists, or its type has no name, such as a sign-in address).
   */
  targetName: z.string().optional(),
  /** The target's recorded state before the action, as stored (any JSON value); null when none was recorded. */
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const maxAuditPageSize = 200;

const isoDateTime = (field: string) =>
  z.iso.datetime({
    offset: true,
    error: `${field} must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z`,
  });

/** Filters shared by the list and the export. List filters repeat the parameter (`action=a&action=b`). */
export const auditFilterSchema = z.object({
  /** User name of the actor, matched exactly. */
  actor: z.string().trim().max(200, 'actor must be at most 200 characters').optional(),
  action: z.array(z.string().max(100, 'action must be at most 100 characters')).max(50).optional(),
  targetType: z.string().trim().max(100, 'targetType must be at most 100 characters').optional(),
  targetId: z.string().trim().max(300, 'targetId must be at most 300 characters').optional(),
  /** Events at or after this time. */
  from: isoDateTime('from').optional(),
  /** Events before this time. */
  to: isoDateTime('to').optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Query of `GET /audit-events`. */
export const auditQuerySchema = auditFilterSchema.extend({
  /** Opaque value from `nextCursor` of the previous page. */
  cursor: z.string().max(500, 'cursor must be at most 500 characters').optional(),
  limit: z.coerce
    .number()
    .int('limit must be a whole number')
    .min(1, `limit must be 1-${maxAuditPageSize}`)
    .max(maxAuditPageSize, `limit must be 1-${maxAuditPageSize}`)
    .optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  /** Newest first. */
  items: z.array(auditEventSchema),
  /** Present when more events match; pass it as `cursor` to read the next page. */
  nextCursor: z.string().optional(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditExportFormatSchema = z.enum(['csv', 'json'], { error: 'format must be csv or json' });
export type AuditExportFormat = z.infer<typeof auditExportFormatSchema>;

/** Query of `GET /audit-events/export`: the list filters and the file format. */
export const auditExportQuerySchema = auditFilterSchema.extend({ format: auditExportFormatSchema });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** Values the filters can take, for the audit page's selection lists. */
export const auditFacetsSchema = z.object({
  actions: z.array(z.string()),
  targetTypes: z.array(z.string()),
  actors: z.array(z.string()),
});
export type AuditFacets = z.infer<typeof auditFacetsSchema>;
