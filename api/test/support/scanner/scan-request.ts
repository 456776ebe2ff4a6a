/** Why a scan request was rejected, with the status harbor-scanner-trivy uses for that case. */
export interface ScanRequestProblem {
  status: 400 | 422;
  message: string;
}

const stringFields = {
  registry: ['url', 'authorization'],
  artifact: ['repository', 'digest', 'tag', 'mime_type'],
} as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isAbsoluteUrl(value: string): boolean {
  return URL.canParse(value) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/**
 * Checks a `POST /api/v1/scan` body as an adapter does: 400 when it is not JSON or a field has the
 * wrong type, 422 when `registry.url`, `artifact.repository` or `artifact.digest` is missing or
 * the registry URL is not an absolute URL. Returns undefined for a valid request.
 */
export function validateScanRequest(body: string): ScanRequestProblem | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { status: 400, message: `unmarshalling scan request: ${(error as Error).message}` };
  }
  if (!isObject(json))
    return { status: 400, message: 'unmarshalling scan request: the body must be a JSON object' };

  for (const [section, fields] of Object.entries(stringFields)) {
    const value = json[section];
    if (value === undefined || value === null) continue;
    if (!isObject(value))
      return { status: 400, message: `unmarshalling scan request: ${section} must be an object` };
    for (const field of fields) {
      const fieldValue = value[field];
      if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'string') {
        return { status: 400, message: `unmarshalling scan request: ${section}.${field} must be a string` };
      }
    }
  }

  const registry = isObject(json['registry']) ? json['registry'] : {};
  const artifact = isObject(json['artifact']) ? json['artifact'] : {};
  const url = typeof registry['url'] === 'string' ? registry['url'] : '';
  if (url === '') return { status: 422, message: 'missing registry.url' };
  if (!isAbsoluteUrl(url)) return { status: 422, message: 'invalid registry.url' };
  if (!artifact['repository']) return { status: 422, message: 'missing artifact.repository' };
  if (!artifact['digest']) return { status: 422, message: 'missing artifact.digest' };
  return undefined;
}
