import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

const policyVersion = {
  name: 'version',
  in: 'path' as const,
  required: true,
  schema: { type: 'integer', minimum: 1 },
  description: 'Policy version number.',
};

// Every policy version is public, because each verdict names the version it was computed with.
// Authors are shown to administrators only. Only administrators change the policy.
export const policyOperations: OperationMap = {
  '/policy': {
    get: {
      summary:
        'The trust policy in force (the highest version), with its differences from the version before.',
      role: 'visitor',
      response: contract.trustPolicyVersionSchema,
    },
    put: {
      summary:
        'Save a new policy version from `baseVersion` with a reason; audited in the same transaction. 409 when another edit came first.',
      role: 'admin',
      body: contract.updateTrustPolicyBodySchema,
      response: contract.trustPolicyVersionSchema,
      errors: [400, 401, 403, 409],
    },
  },
  '/policy/versions': {
    get: {
      summary:
        'Every policy version, newest first, with who (for administrators), when, why and what changed.',
      role: 'visitor',
      response: contract.trustPolicyHistorySchema,
    },
  },
  '/policy/versions/{version}': {
    get: {
      summary: 'One policy version.',
      role: 'visitor',
      parameters: [policyVersion],
      response: contract.trustPolicyVersionSchema,
      errors: [400, 404],
    },
  },
};
