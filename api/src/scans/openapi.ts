import { z } from 'zod';
import * as contract from '../contract/index.ts';
import type { OperationMap } from '../http/openapi.ts';

function pathParameter(name: string, description: string) {
  return { name, in: 'path' as const, required: true, schema: { type: 'string' }, description };
}

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query' as const,
    schema: z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }));
}

const pluginName = pathParameter('name', 'Plugin identity (normalised manifest name).');
const pluginVersion = pathParameter('version', 'Plugin version as written in the manifest, URL-encoded.');

// Scan results are public like the rest of a plugin page. Rescans, uploads and scan jobs (whose
// errors name scanner endpoints) are for administrators.
export const scanOperations: OperationMap = {
  '/plugins/{name}/versions/{version}/scan': {
    get: {
      summary:
        "Every vulnerability report of the version's digest, the current one first, with severity counts, source, scanner, database version, age and signer.",
      role: 'visitor',
      parameters: [pluginName, pluginVersion],
      response: contract.versionScanSchema,
      errors: [404],
    },
  },
  '/plugins/{name}/versions/{version}/scan/findings': {
    get: {
      summary:
        'One page of findings of the current report (or `report`), filtered by severity, fix and text, and sorted.',
      role: 'visitor',
      parameters: [pluginName, pluginVersion, ...queryParameters(contract.findingsQuerySchema)],
      response: contract.findingsPageSchema,
      errors: [400, 404],
    },
  },
  '/plugins/{name}/compare': {
    get: {
      summary: 'Findings added, fixed and unchanged between the current reports of two versions.',
      role: 'visitor',
      parameters: [pluginName, ...queryParameters(contract.compareQuerySchema)],
      response: contract.scanComparisonSchema,
      errors: [400, 404],
    },
  },
  '/plugins/{name}/versions/{version}/scan/rescan': {
    post: {
      summary:
        'Start a scan of the version through the configured scanner (202), or join the one running for its digest; returns the job.',
      role: 'admin',
      parameters: [pluginName, pluginVersion],
      response: contract.scanJobSchema,
      errors: [401, 403, 404, 409, 502, 504],
    },
  },
  '/plugins/{name}/versions/{version}/scan/upload': {
    post: {
      summary:
        'Upload a Trivy JSON or Harbor report for the version (201): multipart/form-data with the file in `report` and, optionally, `platformDigest` naming a platform manifest of an index.',
      role: 'admin',
      parameters: [pluginName, pluginVersion],
      response: contract.scanReportInfoSchema,
      errors: [400, 401, 403, 404, 409, 413],
    },
  },
  '/plugins/{name}/versions/{version}/scan/reports/{id}': {
    delete: {
      summary:
        'Delete a report an administrator uploaded, with its findings (204, audited). Attestation and scanner reports cannot be deleted (409).',
      role: 'admin',
      parameters: [
        pluginName,
        pluginVersion,
        pathParameter('id', 'Report id, as the scan overview lists it.'),
      ],
      response: { contentType: 'text/plain', description: 'Deleted (204, no body).' },
      errors: [401, 403, 404, 409],
    },
  },
  '/scan-jobs/{id}': {
    get: {
      summary: 'A scan job with its state, progress and error, for following a rescan.',
      role: 'admin',
      parameters: [pathParameter('id', 'Scan job id, as the rescan response returns it.')],
      response: contract.scanJobSchema,
      errors: [401, 403, 404],
    },
  },
};
