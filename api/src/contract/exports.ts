import { z } from 'zod';
import { signerKindSchema } from './signer.ts';
import { signerRuleSchema } from './policy.ts';

/** Files that enforce the approved signers where plugins run. */
export const exportFormatSchema = z.enum(['cluster-image-policy', 'kyverno', 'containers-policy'], {
  error: 'format must be cluster-image-policy, kyverno or containers-policy',
});
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportedSignerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  kind: signerKindSchema,
  /** Repository prefixes; empty covers every repository. */
  scope: z.array(z.string()),
  expiresAt: z.string().optional(),
});
export type ExportedSigner = z.infer<typeof exportedSignerSchema>;

export const exportFileSchema = z.object({
  format: exportFormatSchema,
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  /** Notes on what the file enforces and what the operator must set up for it. */
  notes: z.array(z.string()),
  /** Approved signers the format cannot express, with the reason. */
  omitted: z.array(z.object({ signerId: z.string(), displayName: z.string(), reason: z.string() })),
  /** Present when the file cannot be downloaded for the current signers: why, and what to change. */
  unavailable: z.string().optional(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

/** Body of `GET /exports`: the signers the files contain and one entry per file. */
export const exportSummarySchema = z.object({
  policyVersion: z.number().int().positive(),
  signerRule: signerRuleSchema,
  generatedAt: z.string(),
  /** Approved signers whose approval has not expired. */
  signers: z.array(exportedSignerSchema),
  files: z.array(exportFileSchema),
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;
