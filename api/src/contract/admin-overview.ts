import { z } from 'zod';
import { signerKindSchema } from './signer.ts';
import { verdictScanStatusSchema, verdictSchema } from './verdict.ts';

export const verdictChangeSchema = z.object({
  plugin: z.string(),
  title: z.string(),
  version: z.string(),
  from: verdictSchema,
  to: verdictSchema,
  changedAt: z.string(),
  policyVersion: z.number().int().positive(),
  /** The first failing or warning reason of the new verdict, or its first reason. */
  summary: z.string(),
});
export type VerdictChange = z.infer<typeof verdictChangeSchema>;

export const staleScanSchema = z.object({
  plugin: z.string(),
  title: z.string(),
  version: z.string(),
  status: verdictScanStatusSchema.exclude(['fresh', 'not-applicable']),
  /** Absent when no scan exists or the report does not say when it ran. */
  generatedAt: z.string().optional(),
});
export type StaleScan = z.infer<typeof staleScanSchema>;

export const pendingSignerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: signerKindSchema,
  createdAt: z.string(),
});
export type PendingSigner = z.infer<typeof pendingSignerSchema>;

/** Body of `GET /admin/overview`. Each list has at most `listLimit` entries, and the totals count all. */
export const adminOverviewSchema = z.object({
  policyVersion: z.number().int().positive(),
  /** When the stored catalog verdicts were last recomputed. */
  refreshedAt: z.string().optional(),
  /** Plugins by the verdict of their newest version. */
  counts: z.object({ trusted: z.number().int(), warning: z.number().int(), untrusted: z.number().int() }),
  listLimit: z.number().int(),
  /** Newest first, within `changeWindowDays`. */
  recentChanges: z.array(verdictChangeSchema),
  recentChangeTotal: z.number().int(),
  changeWindowDays: z.number().int(),
  /** Oldest first: the signers that have waited longest. */
  pendingSigners: z.array(pendingSignerSchema),
  pendingSignerTotal: z.number().int(),
  /** Plugins whose newest version has no usable, fresh scan. */
  staleScans: z.array(staleScanSchema),
  staleScanTotal: z.number().int(),
});
export type AdminOverview = z.infer<typeof adminOverviewSchema>;

export const maxStaleScanPageSize = 100;

/** Query of `GET /admin/stale-scans`. */
export const staleScanQuerySchema = z.object({
  page: z.coerce
    .number()
    .int('page must be a whole number')
    .min(1, 'page must be 1 or more')
    .max(10_000, 'page must be at most 10000')
    .optional(),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be 1-${maxStaleScanPageSize}`)
    .max(maxStaleScanPageSize, `pageSize must be 1-${maxStaleScanPageSize}`)
    .optional(),
});
export type StaleScanQuery = z.infer<typeof staleScanQuerySchema>;

/** Body of `GET /admin/stale-scans`: every plugin of the overview's "scans to renew", one page at a time. */
export const staleScanPageSchema = z.object({
  /** In the overview's order: aged scans first, oldest first, then plugins without a dated scan. */
  items: z.array(staleScanSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StaleScanPage = z.infer<typeof staleScanPageSchema>;
