import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseDigest, verifyDigest } from './digest.ts';
import { ImageReferenceError } from './reference.ts';
import { RegistryError } from './types.ts';

export interface BlobReadOptions {
  /** Description of the content read, for messages, such as `manifest a/b:1.0`. */
  description: string;
  limit: number;
  limitName: string;
  /** Size from the descriptor, compared with the file before reading. */
  expectedSize?: number | undefined;
}

/** Returns the path of a blob in a layout. The digest is validated first, so the path cannot leave `blobs/`. */
export function layoutBlobPath(dir: string, digest: string): string {
  const parsed = parseDigest(digest);
  if (!parsed) throw new ImageReferenceError(`invalid digest "${digest}": expected sha256:<64 hex digits>.`);
  return path.join(dir, 'blobs', parsed.algorithm, parsed.hex);
}

/** Returns the size of a blob file in bytes, or throws 'not-found' when the layout lacks it. */
export async function statLayoutBlob(
  host: string,
  dir: string,
  digest: string,
  description: string,
): Promise<number> {
  const file = layoutBlobPath(dir, digest);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw notFoundOrUnreadable(host, error, description);
  }
  try {
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

function notFoundOrUnreadable(host: string, error: unknown, description: string): RegistryError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new RegistryError('not-found', host, `OCI layout ${host} has no ${description}.`, {
      cause: error,
    });
  }
  return new RegistryError('unavailable', host, `OCI layout ${host} could not read ${description}.`, {
    cause: error,
  });
}

/**
 * Reads a blob file after checking its size against the bound and the descriptor, then verifies its
 * digest, so a layout is held to the same checks as a registry.
 */
export async function readLayoutBlob(
  host: string,
  dir: string,
  digest: string,
  options: BlobReadOptions,
): Promise<Uint8Array> {
  const { description, limit, limitName, expectedSize } = options;
  if (expectedSize !== undefined && expectedSize > limit) {
    throw new RegistryError(
      'too-large',
      host,
      `${description} in OCI layout ${host} is ${expectedSize} bytes, more than the ${limitName} limit of ${limit} bytes.`,
    );
  }

  const file = layoutBlobPath(dir, digest);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw notFoundOrUnreadable(host, error, description);
  }

  let bytes: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > limit) {
      throw new RegistryError(
        'too-large',
        host,
        `${description} in OCI layout ${host} is ${size} bytes, more than the ${limitName} limit of ${limit} bytes.`,
      );
    }
    if (expectedSize !== undefined && size !== expectedSize) {
      throw new RegistryError(
        'invalid-response',
        host,
        `${description} in OCI layout ${host} is ${size} bytes, but its descriptor declares ${expectedSize} bytes.`,
      );
    }
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }

  verifyDigest(host, bytes, digest, description);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
