import { describe, expect, test } from 'vitest';
import { computeDigest, parseDigest, verifyDigest } from '../../src/registry/digest.ts';
import { decodeManifest, requireManifestMediaType } from '../../src/registry/manifest-media.ts';
import { readBodyBounded, type OversizeSource } from '../../src/registry/read-bounded.ts';
import { mediaTypes, RegistryError } from '../../src/registry/types.ts';

const host = 'registry.test';

function errorOf(action: () => unknown): RegistryError {
  try {
    action();
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

/** Creates a response whose body arrives in chunks without Content-Length, like a chunked HTTP response. */
function streamedResponse(chunks: string[]): { response: Response; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled];
      pulled += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
  return { response: new Response(stream), pulled: () => pulled };
}

describe('digests', () => {
  const bytes = new TextEncoder().encode('{"schemaVersion":2}');

  test('computes sha256 and sha512 digests', () => {
    expect(computeDigest(bytes)).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(computeDigest(bytes, 'sha512')).toMatch(/^sha512:[a-f0-9]{128}$/);
  });

  test('accepts content matching its digest', () => {
    expect(() => verifyDigest(host, bytes, computeDigest(bytes, 'sha512'), 'manifest a:1')).not.toThrow();
  });

  test('rejects content hashing to another digest', () => {
    const error = errorOf(() => verifyDigest(host, bytes, `sha256:${'0'.repeat(64)}`, 'manifest a:1'));
    expect(error.kind).toBe('digest-mismatch');
    expect(error.message).toContain('manifest a:1');
    expect(error.message).toContain(computeDigest(bytes));
  });

  const malformed = ['sha256:ABC', `sha256:${'A'.repeat(64)}`, `md5:${'0'.repeat(32)}`, 'sha256', ''];
  test.each(malformed)('treats "%s" as an invalid digest', (digest) => {
    expect(parseDigest(digest)).toBeUndefined();
    expect(errorOf(() => verifyDigest(host, bytes, digest, 'blob')).kind).toBe('invalid-response');
  });
});

describe('manifest media types', () => {
  const accepted = [
    [mediaTypes.ociIndex, mediaTypes.ociIndex],
    [mediaTypes.ociManifest, mediaTypes.ociManifest],
    [mediaTypes.dockerManifestList, mediaTypes.dockerManifestList],
    [`${mediaTypes.dockerManifest}; charset=utf-8`, mediaTypes.dockerManifest],
    ['Application/VND.OCI.Image.Manifest.v1+JSON', mediaTypes.ociManifest],
  ];
  test.each(accepted)('accepts Content-Type %s', (contentType, expected) => {
    expect(requireManifestMediaType(host, contentType, 'manifest a:1')).toBe(expected);
  });

  const rejected = [
    'application/vnd.docker.distribution.manifest.v1+prettyjws',
    'application/json',
    'text/html',
    null,
  ];
  test.each(rejected)('rejects Content-Type %s', (contentType) => {
    expect(errorOf(() => requireManifestMediaType(host, contentType, 'manifest a:1')).kind).toBe(
      'unsupported-media-type',
    );
  });

  test('rejects a body whose mediaType field contradicts the Content-Type', () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [] }),
    );
    const error = errorOf(() => decodeManifest(host, bytes, mediaTypes.ociManifest, 'manifest a:1'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain(mediaTypes.ociIndex);
  });

  test('accepts a body without a mediaType field', () => {
    const bytes = new TextEncoder().encode('{"schemaVersion":2,"manifests":[]}');
    expect(decodeManifest(host, bytes, mediaTypes.ociIndex, 'manifest a:1')).toEqual({
      schemaVersion: 2,
      manifests: [],
    });
  });

  const undecodable = [
    ['invalid JSON', '{"schemaVersion":'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
  ];
  test.each(undecodable)('rejects %s', (_name, text) => {
    const error = errorOf(() =>
      decodeManifest(host, new TextEncoder().encode(text), mediaTypes.ociManifest, 'manifest a:1'),
    );
    expect(error.kind).toBe('invalid-response');
  });
});

describe('readBodyBounded', () => {
  const tooLarge = (source: OversizeSource, declared?: number) =>
    new Error(`too large (${source}, ${declared})`);

  test('reads a body within the limit', async () => {
    const body = await readBodyBounded(new Response('12345'), 5, tooLarge);
    expect(new TextDecoder().decode(body)).toBe('12345');
  });

  test('rejects a declared Content-Length above the limit before reading', async () => {
    const { response, pulled } = streamedResponse(['0123456789']);
    const withLength = new Response(response.body, { headers: { 'content-length': '10' } });
    await expect(readBodyBounded(withLength, 5, tooLarge)).rejects.toThrow('too large (declared, 10)');
    expect(pulled()).toBe(0);
  });

  test('cuts off a streamed body once it passes the limit', async () => {
    const { response, pulled } = streamedResponse(['0123', '4567', '89ab', 'cdef', 'ghij']);
    await expect(readBodyBounded(response, 6, tooLarge)).rejects.toThrow('too large (streamed, undefined)');
    expect(pulled()).toBeLessThan(5);
  });
});
