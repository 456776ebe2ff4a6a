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
};
