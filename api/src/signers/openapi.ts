import { z } from 'zod';
import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

function pathParameter(name: string, description: string) {
  return { name, in: 'path' as const, required: true, schema: { type: 'string' }, description };
}

const signerId = pathParameter('id', 'Signer id, as `GET /signers` lists it.');

// Signer statuses are public: every visitor sees on a plugin page whether its signer is approved,
// so the list and detail are visitor-readable; only administrators see who changed a status.
export const signerOperations: OperationMap = {
  '/plugins/{name}/versions/{version}/signatures': {
    get: {
      summary:
        "The version's signatures by digest, each with its verification result, covered digest and its signer's current status.",
      role: 'visitor',
      parameters: [
        pathParameter('name', 'Plugin identity (normalised manifest name).'),
        pathParameter('version', 'Plugin version as written in the manifest, URL-encoded.'),
      ],
      response: contract.versionSignaturesSchema,
      errors: [404],
    },
  },
  '/signers': {
    get: {
      summary: 'List signers with status, kind and text filters; pending signers first.',
      role: 'visitor',
      parameters: Object.entries(contract.signerListQuerySchema.shape).map(([name, field]) => ({
        name,
        in: 'query' as const,
        schema: z.toJSONSchema(field as z.ZodType, { io: 'output', unrepresentable: 'any' }),
      })),
      response: contract.signerListPageSchema,
      errors: [400],
    },
    post: {
      summary: 'Add a key signer (PEM public key) or an identity signer (exact SAN and issuer).',
      role: 'admin',
      body: contract.createSignerBodySchema,
      response: contract.signerSchema,
      errors: [400, 401, 403, 409],
    },
  },
  '/signers/{id}': {
    get: {
      summary: 'A signer with its status history and the images carrying its signatures.',
      role: 'visitor',
      parameters: [signerId],
      response: contract.signerDetailSchema,
      errors: [404],
    },
    patch: {
      summary: "Change a signer's display name, repository scope or expiry.",
      role: 'admin',
      parameters: [signerId],
      body: contract.updateSignerBodySchema,
      response: contract.signerSchema,
      errors: [400, 401, 403, 404],
    },
  },
  '/signers/{id}/approve': {
    post: {
      summary:
        'Approve a pending or revoked signer, optionally setting its scope in the same change; its valid signatures count from now on.',
      role: 'admin',
      parameters: [signerId],
      body: contract.approveSignerBodySchema,
      response: contract.signerSchema,
      errors: [400, 401, 403, 404, 409],
    },
  },
  '/signers/{id}/revoke': {
    post: {
      summary: 'Revoke a signer with a reason; every signature it made stops counting at once.',
      role: 'admin',
      parameters: [signerId],
      body: contract.revokeSignerBodySchema,
      response: contract.signerSchema,
      errors: [400, 401, 403, 404, 409],
    },
  },
};
