import { z } from 'zod';
import * as contract from '../contract/index.ts';
import { auditOperations } from '../audit/openapi.ts';
import { exportOperations } from '../exports/openapi.ts';
import { policyOperations } from '../policy/openapi.ts';
import { verdictOperations } from '../verdict/openapi.ts';
import { accountOperations } from '../accounts/openapi.ts';
import { reviewOperations } from '../reviews/openapi.ts';
import { signerOperations } from '../signers/openapi.ts';
import { scanOperations } from '../scans/openapi.ts';

// The OpenAPI description is generated from the same zod schemas that validate requests on the server
// and responses in the web client, so the three cannot drift apart.

export interface Operation {
  summary: string;
  /** Minimum role that may call it, exported as `x-assay-role`; the authorisation test checks every route against it. */
  role: 'visitor' | 'reviewer' | 'admin';
  /** A JSON body schema, for POST, PUT and PATCH. */
  body?: z.ZodType;
  parameters?: Array<{
    name: string;
    in: 'path' | 'query';
    required?: boolean;
    schema: unknown;
    description?: string;
  }>;
  response: z.ZodType | { contentType: string; description: string };
  errors?: number[];
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
}

function pathParameter(name: string, description: string) {
  return { name, in: 'path' as const, required: true, schema: { type: 'string' }, description };
}

const pluginName = pathParameter('name', 'Plugin identity (normalised manifest name).');
const pluginVersion = pathParameter('version', 'Plugin version as written in the manifest, URL-encoded.');

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query' as const,
    schema: jsonSchema(field as z.ZodType),
  }));
}

/** Operations by path (relative to /api/v1) and lower-case HTTP method. */
export type OperationMap = Record<string, Record<string, Operation>>;

const importOutcomeSchema = contract.manifestImportOutcomeSchema;

const coreOperations: OperationMap = {
  '/health': {
    get: {
      summary: 'Liveness: the process answers.',
      role: 'visitor',
      response: z.object({ status: z.literal('ok') }),
    },
  },
  '/ready': {
    get: {
      summary: 'Readiness: the database answers and the start-up import has finished (503 otherwise).',
      role: 'visitor',
      response: z.object({ status: z.string(), database: z.boolean(), imported: z.boolean() }),
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This OpenAPI document.',
      role: 'visitor',
      response: { contentType: 'application/json', description: 'OpenAPI 3.1 document.' },
    },
  },
  '/meta': {
    get: {
      summary: 'Version, demo flag, configured registries and database engine.',
      role: 'visitor',
      response: contract.metaSchema,
    },
  },
  '/plugins': {
    get: {
      summary: 'Search the catalog with filters, sort, pagination and facet counts.',
      role: 'visitor',
      parameters: queryParameters(contract.catalogQuerySchema),
      response: contract.catalogPageSchema,
      errors: [400],
    },
  },
  '/plugins/{name}': {
    get: {
      summary: 'A plugin with all its versions.',
      role: 'visitor',
      parameters: [pluginName],
      response: contract.pluginDetailSchema,
      errors: [404],
    },
  },
  '/plugins/{name}/versions/{version}': {
    get: {
      summary: "One version's normalised manifest, warnings, manifest sources and image details.",
      role: 'visitor',
      parameters: [pluginName, pluginVersion],
      response: contract.versionDetailSchema,
      errors: [404],
    },
  },
  '/plugins/{name}/versions/{version}/image/refresh': {
    post: {
      summary:
        "Resolve the version's image now, ignoring the tag cache; 502 or 504 names a failing registry.",
      role: 'admin',
      parameters: [pluginName, pluginVersion],
      response: contract.imageDetailsSchema,
      errors: [401, 403, 404, 502, 504],
    },
  },
  '/manifests': {
    post: {
      summary:
        'Import a manifest from its file bytes (request body, any content type, at most 1 MiB); 400 lists every error with its JSON path.',
      role: 'admin',
      parameters: [
        {
          name: 'fileName',
          in: 'query',
          required: true,
          schema: { type: 'string' },
          description: 'plugin.json, ict.yaml, ...',
        },
      ],
      response: importOutcomeSchema,
      errors: [400, 401, 403, 409, 413],
    },
  },
  '/manifests/from-url': {
    post: {
      summary: 'Import a manifest from a URL on a host listed in ASSAY_MANIFEST_URL_HOSTS.',
      role: 'admin',
      body: z.object({ url: z.string() }),
      response: importOutcomeSchema,
      errors: [400, 401, 403, 404, 409, 413, 502, 504],
    },
  },
  '/plugins/{name}/versions/{version}/manifest/raw': {
    get: {
      summary: "The version's original manifest bytes.",
      role: 'visitor',
      parameters: [pluginName, pluginVersion],
      response: {
        contentType: 'application/json',
        description: 'The manifest file as imported (YAML for ICT manifests).',
      },
      errors: [404],
    },
  },
};

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input; details list each problem with its path.',
  401: 'Not signed in.',
  403: 'Signed in without the required role.',
  404: 'Not found.',
  409: 'Conflict.',
  413: 'Request body too large.',
  429: 'Rate limited.',
  502: 'A registry or scanner failed; the message names it.',
  504: 'A registry or scanner did not answer in time.',
};

// Each feature module contributes its operations here.
const operations: OperationMap = {
  ...coreOperations,
  ...signerOperations,
  ...accountOperations,
  ...reviewOperations,
  ...scanOperations,
  ...verdictOperations,
  ...policyOperations,
  ...auditOperations,
  ...exportOperations,
};

/** Builds the OpenAPI 3.1 document for every route in {@link operations}. */
export function buildOpenApiDocument(version: string): unknown {
  const errorBody = jsonSchema(contract.errorBodySchema);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [route, methods] of Object.entries(operations)) {
    paths[route] = {};
    for (const [method, operation] of Object.entries(methods)) {
      const success =
        operation.response instanceof z.ZodType
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(operation.response) } } }
          : {
              description: operation.response.description,
              content: { [operation.response.contentType]: {} },
            };
      const responses: Record<string, unknown> = { 200: success };
      for (const status of operation.errors ?? []) {
        responses[status] = {
          description: errorDescriptions[status],
          content: { 'application/json': { schema: errorBody } },
        };
      }
      paths[route][method] = {
        summary: operation.summary,
        'x-assay-role': operation.role,
        parameters: operation.parameters ?? [],
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Assay API', version, description: 'Plugins, images, signatures, scans and reviews.' },
    servers: [{ url: '/api/v1' }],
    paths,
  };
}
