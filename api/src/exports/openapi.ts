import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

export const exportOperations: OperationMap = {
  '/exports': {
    get: {
      summary: 'The approved signers and policy version the enforcement files contain, with notes per file.',
      role: 'admin',
      response: contract.exportSummarySchema,
      errors: [401, 403],
    },
  },
  '/exports/{format}': {
    get: {
      summary:
        'Download the approved signers as a Sigstore policy-controller ClusterImagePolicy, a Kyverno ClusterPolicy or a containers-policy.json; audited. 409 when no signer is approved, or when the format cannot express every scope exactly (the summary field unavailable says why).',
      role: 'admin',
      parameters: [
        {
          name: 'format',
          in: 'path',
          required: true,
          schema: { type: 'string', enum: contract.exportFormatSchema.options },
          description: 'cluster-image-policy, kyverno or containers-policy.',
        },
      ],
      response: {
        contentType: 'application/yaml',
        description: 'The policy file (YAML, or JSON for containers-policy).',
      },
      errors: [400, 401, 403, 409],
    },
  },
};
