/** Why a body was cut off: `declared` from Content-Length before reading, `streamed` while reading. */
export type OversizeSource = 'declared' | 'streamed';

/**
 * Reads a response body of at most `limit` bytes. A Content-Length above the limit rejects the body
 * before any of it is read. A body without one is cancelled as soon as it passes the limit.
 * `tooLarge` builds the error to throw, so the caller can name the content it was reading.
 */
export async function readBodyBounded(
  response: Response,
  limit: number,
  tooLarge: (source: OversizeSource, declaredBytes?: number) => Error,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge('declared', declared);
  }

  if (response.body === null) return new Uint8Array(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge('streamed');
    }
    chunks.push(value);
  }

  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
