import { Router } from 'express';
import { recordAuditEvent } from '../audit/record.ts';
import { exportFormatSchema } from '../contract/exports.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { AppError, invalidInput } from '../http/errors.ts';
import { loadCurrentPolicy } from '../policy/store.ts';
import { loadApprovedSigners, type ExportInput } from './signers.ts';
import { exportFormats, summariseExports } from './summary.ts';

export interface ExportRouteDeps {
  context: DatabaseContext;
  now?: () => Date;
}

/** Serves the enforcement files to administrators, auditing each download because it ships trust decisions. */
export function exportRoutes(deps: ExportRouteDeps): Router {
  const router = Router();
  const { db } = deps.context;
  const now = deps.now ?? (() => new Date());

  async function exportInput(at: Date): Promise<ExportInput> {
    const [policy, signers] = await Promise.all([loadCurrentPolicy(db), loadApprovedSigners(db, at)]);
    return {
      policyVersion: policy.version,
      signerRule: policy.policy.signerRule,
      generatedAt: at.toISOString(),
      signers,
    };
  }

  router.get('/exports', requireRole('admin'), async (_request, response) => {
    response.json(summariseExports(await exportInput(now())));
  });

  router.get('/exports/:format', requireRole('admin'), async (request, response) => {
    const format = exportFormatSchema.safeParse(request.params.format);
    if (!format.success) throw invalidInput(format.error, 'path');

    const at = now();
    const input = await exportInput(at);
    if (input.signers.length === 0) {
      throw new AppError(
        'conflict',
        'There is no approved signer to export: approve a signer first, or every image would be rejected.',
      );
    }
    const definition = exportFormats[format.data];
    const unavailable = definition.unavailable?.(input);
    if (unavailable !== undefined) throw new AppError('conflict', unavailable);
    const body = definition.render(input);
    const { actor, requestId, ip } = auditContext(request);
    await recordAuditEvent(
      db,
      {
        actor,
        action: 'policy.export',
        targetType: 'trust-policy',
        targetId: String(input.policyVersion),
        after: { format: format.data, signers: input.signers.map((signer) => signer.id) },
        requestId,
        ...(ip !== undefined ? { ip } : {}),
      },
      at,
    );

    response
      .type(`${definition.mediaType}; charset=utf-8`)
      .setHeader('Content-Disposition', `attachment; filename="${definition.fileName}"`)
      .send(body);
  });

  return router;
}
