import { z } from 'zod';
import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query' as const,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }));
}

// Read-only by design: no operation here updates or deletes an audit event.
export const auditOperations: OperationMap = {
  '/audit-events': {
    get: {
      summary:
        'Audit events newest first, filtered by actor, actions, target type and id and a time range, one page at a time (`nextCursor`).',
      role: 'admin',
      parameters: queryParameters(contract.auditQuerySchema),
      response: contract.auditPageSchema,
      errors: [400, 401, 403],
    },
  },
  '/audit-events/facets': {
    get: {
      summary: 'The actions, target types and actor names that occur in the log.',
      role: 'admin',
      response: contract.auditFacetsSchema,
      errors: [401, 403],
    },
  },
  '/audit-events/export': {
    get: {
      summary:
        'Every event matching the filters as a CSV (RFC 4180, formula-neutralised cells) or JSON download; the export is itself audited.',
      role: 'admin',
      parameters: queryParameters(contract.auditExportQuerySchema),
      response: {
        contentType: 'text/csv',
        description: 'CSV with a header row, or a JSON array of audit events.',
      },
      errors: [400, 401, 403],
    },
  },
};
