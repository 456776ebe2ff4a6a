import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { auditExportQuerySchema, auditQuerySchema, type AuditExportQuery } from '../contract/audit.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { parseQuery } from '../http/validate.ts';
import { auditCsvStages, auditJsonStream } from './export.ts';
import { auditEventBatches, auditFacets, listAuditEvents } from './query.ts';
import { recordAuditEvent } from './record.ts';

export interface AuditRouteDeps {
  context: DatabaseContext;
  now?: () => Date;
}

const listParameters = ['action'] as const;

function exportFileName(format: AuditExportQuery['format'], now: Date): string {
  return `assay-audit-${now.toISOString().replace(/[:.]/g, '-')}.${format}`;
}

/** Returns the filters of an export request, for the export's own audit event. */
function filtersOf(query: AuditExportQuery): Record<string, unknown> {
  const { format: _format, ...filters } = query;
  return filters;
}

/**
 * Sends a stream. Once the first byte has gone out, an error can no longer become an error response,
 * so the failure is logged and the connection cut, and the client sees an incomplete download.
 */
async function sendStream(request: Request, response: Response, stages: [Readable, ...Transform[]]) {
  try {
    await pipeline([...stages, response]);
  } catch (error) {
    if (!response.headersSent) throw error;
    request.log.error({ err: error }, 'audit export failed after the response started');
    response.destroy();
  }
}

/**
 * Serves the audit log to administrators to read, filter and export. No route changes or deletes an
 * event, and the database rejects UPDATE and DELETE on the table.
 */
export function auditRoutes(deps: AuditRouteDeps): Router {
  const router = Router();
  const { db } = deps.context;
  const now = deps.now ?? (() => new Date());

  router.get('/audit-events', requireRole('admin'), async (request, response) => {
    const query = parseQuery(request, auditQuerySchema, listParameters);

    const page = await listAuditEvents(db, query);

    response.json(page);
  });

  router.get('/audit-events/facets', requireRole('admin'), async (_request, response) => {
    response.json(await auditFacets(db));
  });

  router.get('/audit-events/export', requireRole('admin'), async (request, response) => {
    const query = parseQuery(request, auditExportQuerySchema, listParameters);

    // The log leaves Assay with this download, so the export itself is an audited action.
    const { actor, requestId, ip } = auditContext(request);
    const at = now();
    await recordAuditEvent(
      db,
      {
        actor,
        action: 'audit.export',
        targetType: 'audit-log',
        targetId: query.format,
        after: filtersOf(query),
        requestId,
        ...(ip !== undefined ? { ip } : {}),
      },
      at,
    );

    response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(query.format, at)}"`);
    const batches = auditEventBatches(db, query);
    if (query.format === 'csv') {
      response.type('text/csv; charset=utf-8; header=present');
      await sendStream(request, response, auditCsvStages(batches));
    } else {
      response.type('application/json; charset=utf-8');
      await sendStream(request, response, [auditJsonStream(batches)]);
    }
  });

  return router;
}
