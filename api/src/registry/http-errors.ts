import { readBodyBounded } from './read-bounded.ts';
import { RegistryError, type RegistryErrorKind } from './types.ts';

// Error bodies are read only for their `errors[].code` and `message`, so a bigger one is ignored.
const maxErrorBodyBytes = 16 * 1024;

function kindForStatus(status: number): RegistryErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'invalid-response';
}

/** First `code` and `message` of an OCI error body `{"errors":[{"code","message","detail"}]}`. */
async function describeErrorBody(response: Response): Promise<string | undefined> {
  try {
    const bytes = await readBodyBounded(response, maxErrorBodyBytes, () => new Error('error body too large'));
    const body = JSON.parse(new TextDecoder().decode(bytes)) as {
      errors?: { code?: unknown; message?: unknown }[];
    };
    const first = body.errors?.[0];
    if (typeof first?.code !== 'string') return undefined;
    return typeof first.message === 'string' && first.message !== ''
      ? `${first.code}: ${first.message}`
      : first.code;
  } catch {
    // The body is only decoration for the message; the status alone decides the error kind.
    return undefined;
  }
}

/** Maps an unsuccessful response to a RegistryError that names the registry, the status and the requested content. */
export async function errorForStatus(
  host: string,
  response: Response,
  description: string,
): Promise<RegistryError> {
  const detail = await describeErrorBody(response);
  const suffix = detail === undefined ? '' : ` (${detail})`;
  const kind = kindForStatus(response.status);
  const message =
    kind === 'not-found'
      ? `Registry ${host} has no ${description}${suffix}.`
      : `Registry ${host} returned HTTP ${response.status} for ${description}${suffix}.`;
  return new RegistryError(kind, host, message);
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

const networkCodeText: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_HEADERS_OVERFLOW: 'response headers too large',
};

/** Maps a failed fetch or body read to 'timeout' (when the timeout fired) or 'unavailable'. */
export function errorForNetworkFailure(
  host: string,
  error: unknown,
  description: string,
  timeout: { fired: boolean; ms: number },
): RegistryError {
  if (timeout.fired) {
    return new RegistryError(
      'timeout',
      host,
      `Registry ${host} did not complete ${description} within ${timeout.ms} ms.`,
      {
        cause: error,
      },
    );
  }
  const code = networkCode(error);
  const reason = code === undefined ? 'network error' : (networkCodeText[code] ?? code);
  return new RegistryError(
    'unavailable',
    host,
    `Registry ${host} is unavailable for ${description}: ${reason}.`,
    {
      cause: error,
    },
  );
}
