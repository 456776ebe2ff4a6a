import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

function pathParameter(name: string, description: string) {
  return { name, in: 'path' as const, required: true, schema: { type: 'string' }, description };
}

export const verdictOperations: OperationMap = {
  '/plugins/{name}/versions/{version}/verdict': {
    get: {
      summary:
        'The trust verdict of the version (trusted, warning or untrusted), computed now from its signatures, signers, scan and the policy, with every reason and a link to its evidence.',
      role: 'visitor',
      parameters: [
        pathParameter('name', 'Plugin identity (normalised manifest name).'),
        pathParameter('version', 'Plugin version as written in the manifest, URL-encoded.'),
      ],
      response: contract.versionVerdictSchema,
      errors: [404],
    },
  },
  '/admin/overview': {
    get: {
      summary:
        'Plugins by verdict, recent verdict changes, signers waiting for review and plugins without a fresh scan.',
      role: 'admin',
      response: contract.adminOverviewSchema,
      errors: [401, 403],
    },
  },
  '/admin/stale-scans': {
    get: {
      summary:
        'Every plugin whose newest version has no usable, fresh scan, in the overview order, one page at a time.',
      role: 'admin',
      parameters: [
        { name: 'page', in: 'query' as const, schema: { type: 'integer', minimum: 1 } },
        {
          name: 'pageSize',
          in: 'query' as const,
          schema: { type: 'integer', minimum: 1, maximum: contract.maxStaleScanPageSize },
        },
      ],
      response: contract.staleScanPageSchema,
      errors: [400, 401, 403],
    },
  },
};
